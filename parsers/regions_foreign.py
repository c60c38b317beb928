"""Foreign names of Chinese places: pinyin, exonyms, Vietnamese, Korean, Russian, Thai, Japanese forms.

Rows are ``code,alias|alias`` for regions of :mod:`parsers.regions_data`,
:mod:`parsers.regions_china` and :mod:`parsers.regions_counties`; each alias is searched in
text like a Chinese name (Latin ones as whole words, case-sensitive). Pages about China's OPC
policy are written in English, French, Spanish, Vietnamese, Korean and Japanese; they name the
place in its own script ("Tô Châu", "쑤저우", "深セン") and the region must still be found.

``PINYIN_ROWS`` (:mod:`parsers.regions_pinyin`) are the prefecture-level cities' pinyin
names. ``HAND_ROWS`` are districts, zones and other languages' names, kept by hand: no
maintained package lists them.
"""

from __future__ import annotations

from parsers.regions_korean import KOREAN_ROWS
from parsers.regions_pinyin import PINYIN_ROWS

__all__ = ["FOREIGN_ROWS"]

HAND_ROWS = """\
# Districts and zones where OPC and AI policy is made, as English-language pages write them.
320583,Kunshan
320281,Jiangyin
320282,Yixing
320581,Changshu
320582,Zhangjiagang
320585,Taicang
320506,Wuzhong
320507,Xiangcheng
320509,Wujiang
320213,Liangxi
320214,Xinwu
320115,Jiangning
320412,Wujin
310104,Xuhui
310112,Minhang
310110,Yangpu
310106,Jing'an
310105,Changning
110105,Chaoyang
110000Z01,Yizhuang|Beijing E-Town|Beijing Economic-Technological Development Area
440300Z01,Qianhai
440305,Nanshan
440304,Futian
440307,Longgang
440306,Bao'an
330108,Binjiang
330110,Yuhang
330109,Xiaoshan
330102,Shangcheng
350203,Siming
# Names left out of the pinyin list as common words (Zhongshan Road, Sun Yat-sen), taken where an
# administration follows them.
442000,Zhongshan City|Zhongshan Municipal|Zhongshan Market Supervision
420100Z01,Optics Valley|East Lake High-Tech|Wuhan East Lake
120116,Binhai New Area|Tianjin Binhai
230100,Harbin
540100,Lhasa
650100,Urumqi
150100,Hohhot
# Exonyms in French, Spanish, Portuguese, German.
110000,Pékin|Pekín|Peking|Pequim
310000,Shanghaï|Xangai
320100,Nankin|Nanquim
# Vietnamese (Sino-Vietnamese readings).
110000,Bắc Kinh
310000,Thượng Hải
320000,Giang Tô
320100,Nam Kinh
320500,Tô Châu
320200,Vô Tích
330000,Chiết Giang
330100,Hàng Châu
330102,Thượng Thành
440000,Quảng Đông
440100,Quảng Châu
440300,Thâm Quyến
440400,Chu Hải
441900,Đông Quản
510100,Thành Đô
420100,Vũ Hán
340100,Hợp Phì
120000,Thiên Tân
500000,Trùng Khánh
350200,Hạ Môn
350000,Phúc Kiến
370000,Sơn Đông
340000,An Huy
420000,Hồ Bắc
510000,Tứ Xuyên
460000,Hải Nam
330200,Ninh Ba
370200,Thanh Đảo
310115,Phố Đông
310000Z01,Lâm Cảng
110108,Hải Điến|Trung Quan Thôn
810000,Hồng Kông
# Russian (stems, for the case endings: Шанхай / Шанхая / Шанхае) and Thai.
110000,Пекин|ปักกิ่ง
310000,Шанха|เซี่ยงไฮ้
440300,Шэньчжэн|เซินเจิ้น
330100,Ханчжо|หางโจว
320500,Сучжо|ซูโจว
320100,Нанкин|หนานจิง
320200,Уси|อู่ซี
510100,Чэнду|เฉิงตู
420100,Ухан|อู่ฮั่น
340100,Хэфэ|เหอเฟย์
440100,Гуанчжо|กวางโจว
120000,Тяньцзин|เทียนจิน
500000,Чунцин|ฉงชิ่ง
320000,Цзянсу|เจียงซู
330000,Чжэцзян|เจ้อเจียง
440000,Гуандун|กวางตุ้ง
510000,Сычуан|เสฉวน
510107,Ухоу
440300Z01,Цяньха|เฉียนไห่
310000Z01,Линган|หลินกั่ง
310115,Пудун|ผู่ตง
110108,Хайдян|Чжунгуаньцун|ไห่เตี้ยน|จงกวนชุน
460000,Хайнан|ไหหลำ
460100,Хайко
460200,Санья|Саньи|Санье
370100,Цзинань
370200,Циндао
350200,Сямэн
# Japanese: katakana and shinjitai forms that OpenCC leaves as they are.
440300,深セン
110108,中関村
370100,済南
370000,山東
440100,広州
440000,広東
350200,アモイ
"""

FOREIGN_ROWS = "\n".join(
    line for line in (PINYIN_ROWS + HAND_ROWS + KOREAN_ROWS).splitlines() if line and not line.startswith("#")
)
