"""Foreign names of Chinese places: pinyin, exonyms, Vietnamese, Korean, Russian, Thai, Japanese forms.

Rows are ``code,alias|alias`` for regions of :mod:`parsers.regions_data`,
:mod:`parsers.regions_china` and :mod:`parsers.regions_counties`; each alias is searched in
text like a Chinese name (Latin ones as whole words, case-sensitive). Pages about China's OPC
policy are written in English, French, Spanish, Vietnamese, Korean and Japanese; they name the
place in its own script ("Tô Châu", "쑤저우", "深セン") and the region must still be found.

``PINYIN_ROWS`` was generated once with pypinyin from the prefecture-level names and corrected
by hand (pypinyin reads 长治 as Zhangzhi and 漯河 as Tahe; Harbin, Lhasa and Shigatse are
written as exonyms). Names shared by two cities (Yichun, Yulin) are left out unless one is a
provincial capital; names that are also common words or person names in English (Ali,
Zhongshan, Pu'er) are left out. ``HAND_ROWS`` are districts, zones and other languages' names,
kept by hand: no maintained package lists them.
"""

from __future__ import annotations

from parsers.regions_korean import KOREAN_ROWS

__all__ = ["FOREIGN_ROWS"]

PINYIN_ROWS = """\
610900,Ankang
340800,Anqing
210300,Anshan
520400,Anshun
410500,Anyang
220800,Baicheng
451000,Baise
220600,Baishan
620400,Baiyin
610300,Baoji
530500,Baoshan
150200,Baotou
511900,Bazhong
450500,Beihai
340300,Bengbu
210500,Benxi
520500,Bijie
371600,Binzhou
341600,Bozhou
130900,Cangzhou
220100,Changchun
430700,Changde
445100,Chaozhou
130800,Chengde
431000,Chenzhou
150400,Chifeng
341700,Chizhou
451400,Chongzuo
341100,Chuzhou
210600,Dandong
460400,Danzhou
230600,Daqing
140200,Datong
511700,Dazhou
510600,Deyang
371400,Dezhou
621100,Dingxi
370500,Dongying
420700,Ezhou
450600,Fangchenggang
440600,Foshan
210400,Fushun
210900,Fuxin
341200,Fuyang
350100,Fuzhou
360700,Ganzhou
511600,Guang'an
510800,Guangyuan
450800,Guigang
450300,Guilin
520100,Guiyang
640400,Guyuan
230100,Harbin
630200,Haidong
460100,Haikou
650500,Hami
130400,Handan
610700,Hanzhong
410600,Hebi
451200,Hechi
230400,Hegang
231100,Heihe
131100,Hengshui
430400,Hengyang
441600,Heyuan
371700,Heze
451100,Hezhou
340600,Huaibei
431200,Huaihua
340400,Huainan
421100,Huanggang
341000,Huangshan
420200,Huangshi
441300,Huizhou
211400,Huludao
330500,Huzhou
360800,Ji'an
230800,Jiamusi
440700,Jiangmen
410800,Jiaozuo
330400,Jiaxing
620200,Jiayuguan
445200,Jieyang
370100,Jinan
620300,Jinchang
140500,Jincheng
360200,Jingdezhen
420800,Jingmen
421000,Jingzhou
330700,Jinhua
370800,Jining
140700,Jinzhong
210700,Jinzhou
360400,Jiujiang
620900,Jiuquan
230300,Jixi
410200,Kaifeng
530100,Kunming
451300,Laibin
131000,Langfang
620100,Lanzhou
540100,Lhasa
511100,Leshan
371500,Liaocheng
211000,Liaoyang
220400,Liaoyuan
530700,Lijiang
530900,Lincang
141000,Linfen
371300,Linyi
540400,Linzhi
331100,Lishui
520200,Liupanshui
450200,Liuzhou
621200,Longnan
350800,Longyan
431300,Loudi
341500,Lu'an
410300,Luoyang
510500,Luzhou
141100,Lüliang
340500,Ma'anshan
440900,Maoming
511400,Meishan
441400,Meizhou
510700,Mianyang
231000,Mudanjiang
360100,Nanchang
511300,Nanchong
450100,Nanning
350700,Nanping
411300,Nanyang
511000,Neijiang
350900,Ningde
211100,Panjin
510400,Panzhihua
410400,Pingdingshan
620800,Pingliang
360300,Pingxiang
350300,Putian
410900,Puyang
621000,Qingyang
441800,Qingyuan
130300,Qinhuangdao
450700,Qinzhou
230900,Qitaihe
350500,Quanzhou
530300,Qujing
330800,Quzhou
540200,Shigatse
371100,Rizhao
411200,Sanmenxia
350400,Sanming
460200,Sanya
611000,Shangluo
411400,Shangqiu
361100,Shangrao
540500,Shannan
440500,Shantou
441500,Shanwei
440200,Shaoguan
330600,Shaoxing
430500,Shaoyang
130100,Shijiazhuang
420300,Shiyan
640200,Shizuishan
230500,Shuangyashan
140600,Shuozhou
220300,Siping
220700,Songyuan
231200,Suihua
510900,Suining
421300,Suizhou
411100,Luohe
370900,Tai'an
140100,Taiyuan
130200,Tangshan
620500,Tianshui
211200,Tieling
610200,Tongchuan
220500,Tonghua
150500,Tongliao
340700,Tongling
520600,Tongren
650400,Turpan
370700,Weifang
371000,Weihai
610500,Weinan
330300,Wenzhou
150300,Wuhai
340200,Wuhu
620600,Wuwei
450400,Wuzhou
430300,Xiangtan
420600,Xiangyang
421200,Xianning
610400,Xianyang
420900,Xiaogan
152200,Xing'an
130500,Xingtai
630100,Xining
410700,Xinxiang
411500,Xinyang
360500,Xinyu
140900,Xinzhou
341800,Xuancheng
411000,Xuchang
511800,Ya'an
610600,Yan'an
441700,Yangjiang
140300,Yangquan
370600,Yantai
511500,Yibin
420500,Yichang
640100,Yinchuan
210800,Yingkou
360600,Yingtan
430900,Yiyang
431100,Yongzhou
430600,Yueyang
140800,Yuncheng
445300,Yunfu
530400,Yuxi
370400,Zaozhuang
430800,Zhangjiajie
130700,Zhangjiakou
620700,Zhangye
140400,Changzhi
350600,Zhangzhou
440800,Zhanjiang
441200,Zhaoqing
530600,Zhaotong
410100,Zhengzhou
640500,Zhongwei
411600,Zhoukou
330900,Zhoushan
440400,Zhuhai
411700,Zhumadian
430200,Zhuzhou
370300,Zibo
510300,Zigong
512000,Ziyang
520300,Zunyi
"""

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
