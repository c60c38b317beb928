"""Korean (Hangul) transcriptions of Chinese place names, one "code,name|name" row each, for
:mod:`parsers.regions_foreign`. Hand-kept: Korean reports name Chinese cities this way and no
installed package lists them.
"""

from __future__ import annotations

__all__ = ["KOREAN_ROWS"]

# Korean (Hangul transcriptions of the Chinese names). 선전 alone is also "propaganda" and
# 시안 "a draft", 지난 "past", 장시 "long hours": only their unambiguous forms are listed. They
# match at the start of a Hangul word only (parsers.regions): 정저우시 does not contain 우시.
KOREAN_ROWS = """\
110000,베이징
310000,상하이
320000,장쑤
320100,난징
320500,쑤저우
320200,우시
330000,저장성
330100,항저우
440000,광둥
440100,광저우
440300,선전시
440400,주하이
510100,청두
420100,우한
340100,허페이
120000,톈진
500000,충칭
350200,샤먼
350000,푸젠
370000,산둥
340000,안후이
420000,후베이
510000,쓰촨
460000,하이난
330200,닝보
370200,칭다오
430100,창사
310115,푸둥
310000Z01,린강
110108,하이뎬|중관춘
310104,쉬후이
810000,홍콩
410100,정저우
210200,다롄
210100,선양
530100,쿤밍
520100,구이양
450100,난닝
320400,창저우
320600,난퉁
321000,양저우
320300,쉬저우
320900,옌청
320700,롄윈강
321300,쑤첸
230100,하얼빈
220100,창춘
130100,스자좡
140100,타이위안
620100,란저우
650100,우루무치
360100,난창
330300,원저우
330600,사오싱
440600,포산
441900,둥관
370600,옌타이
410000,허난성
130000,허베이
430000,후난성
210000,랴오닝
230000,헤이룽장
530000,윈난
"""
