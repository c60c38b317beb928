"""The region table: Jiangsu down to districts and zones, every other province, a few cities by hand.

Every other prefecture-level city is in :mod:`parsers.regions_china`.

One row per region: ``code,name,parent_code,level,aliases``. Aliases are ``|``-separated; an
alias starting with ``!`` is *weak*: it resolves when it is the whole input (a user typing
"园区" or "SIP") but is never searched for inside running text, where it would match
"产业园区" or "OPC社区" far more often than it means the place.

A one-character province abbreviation is only searched for in fixed phrases (在皖企业, 来沪,
赴粤) whose first character keeps it from eating a city name (在苏州 stays 苏州).

English pages name places in pinyin ("Chengdu Hi-tech Zone", "Suzhou Industrial Park"): the
provinces, Jiangsu's cities and the hand-kept cities carry their English name as an alias.
Where a pinyin name is shared (Suzhou 苏州/宿州, Taizhou 泰州/台州) it denotes the Jiangsu city,
whose row comes first.

Codes are GB/T 2260. Zones without a GB code get a stable code of the form
``<parent code>Z<nn>`` (``320100Z01`` = 南京江北新区); they are never reused or renumbered.
"""

from __future__ import annotations

REGION_ROWS = """\
320000,江苏省,,province,江苏|苏|JS|Jiangsu
320100,南京市,320000,city,南京|宁|金陵|Nanjing
320102,玄武区,320100,district,玄武
320104,秦淮区,320100,district,秦淮
320105,建邺区,320100,district,建邺
320106,鼓楼区,320100,district,!鼓楼
320111,浦口区,320100,district,浦口
320113,栖霞区,320100,district,栖霞
320114,雨花台区,320100,district,雨花台
320115,江宁区,320100,district,江宁
320116,六合区,320100,district,!六合
320117,溧水区,320100,district,溧水
320118,高淳区,320100,district,高淳
320100Z01,南京江北新区,320100,zone,江北新区|!江北|Jiangbei New Area
320200,无锡市,320000,city,无锡|锡|Wuxi
320205,锡山区,320200,district,锡山
320206,惠山区,320200,district,惠山
320211,滨湖区,320200,district,!滨湖
320213,梁溪区,320200,district,梁溪
320214,新吴区,320200,district,新吴|无锡高新区|无锡国家高新区|无锡高新技术产业开发区
320281,江阴市,320200,district,江阴
320282,宜兴市,320200,district,宜兴
320300,徐州市,320000,city,徐州|Xuzhou
320302,鼓楼区,320300,district,徐州市鼓楼区|徐州鼓楼区
320303,云龙区,320300,district,!云龙
320305,贾汪区,320300,district,贾汪
320311,泉山区,320300,district,泉山
320312,铜山区,320300,district,铜山
320321,丰县,320300,district,!丰
320322,沛县,320300,district,!沛
320324,睢宁县,320300,district,睢宁
320381,新沂市,320300,district,新沂
320382,邳州市,320300,district,邳州
320400,常州市,320000,city,常州|Changzhou
320402,天宁区,320400,district,!天宁
320404,钟楼区,320400,district,!钟楼
320411,新北区,320400,district,!新北|常州高新区|常州国家高新区
320412,武进区,320400,district,武进
320413,金坛区,320400,district,金坛
320481,溧阳市,320400,district,溧阳
320500,苏州市,320000,city,苏州|姑苏|!苏|Suzhou
320505,虎丘区,320500,district,虎丘|苏州高新区|苏州国家高新区
320506,吴中区,320500,district,吴中
320507,相城区,320500,district,相城
320508,姑苏区,320500,district,!姑苏老城
320509,吴江区,320500,district,吴江
320571,苏州工业园区,320500,zone,苏州园区|苏州工业园|中新苏州工业园区|!园区|!工业园区|!SIP|!SIPAC|Suzhou Industrial Park
320581,常熟市,320500,district,常熟
320582,张家港市,320500,district,张家港
320583,昆山市,320500,district,昆山
320585,太仓市,320500,district,太仓
320600,南通市,320000,city,南通|通|Nantong
320612,通州区,320600,district,南通市通州区|!通州
320613,崇川区,320600,district,崇川
320614,海门区,320600,district,海门
320623,如东县,320600,district,!如东
320681,启东市,320600,district,启东
320682,如皋市,320600,district,如皋
320685,海安市,320600,district,海安
320600Z01,南通创新区,320600,zone,南通市创新区
320700,连云港市,320000,city,连云港|Lianyungang
320703,连云区,320700,district,!连云
320706,海州区,320700,district,海州
320707,赣榆区,320700,district,赣榆
320722,东海县,320700,district,!东海
320723,灌云县,320700,district,灌云
320724,灌南县,320700,district,灌南
320800,淮安市,320000,city,淮安|Huai'an|Huaian
320803,淮安区,320800,district,淮安市淮安区
320804,淮阴区,320800,district,淮阴
320812,清江浦区,320800,district,清江浦
320813,洪泽区,320800,district,!洪泽
320826,涟水县,320800,district,涟水
320830,盱眙县,320800,district,盱眙
320831,金湖县,320800,district,!金湖
320900,盐城市,320000,city,盐城|Yancheng
320902,亭湖区,320900,district,亭湖
320903,盐都区,320900,district,盐都
320904,大丰区,320900,district,!大丰
320921,响水县,320900,district,!响水
320922,滨海县,320900,district,!滨海
320923,阜宁县,320900,district,阜宁
320924,射阳县,320900,district,射阳
320925,建湖县,320900,district,!建湖
320981,东台市,320900,district,!东台
321000,扬州市,320000,city,扬州|Yangzhou
321002,广陵区,321000,district,广陵
321003,邗江区,321000,district,邗江
321012,江都区,321000,district,江都
321023,宝应县,321000,district,宝应
321081,仪征市,321000,district,仪征
321084,高邮市,321000,district,高邮
321100,镇江市,320000,city,镇江|Zhenjiang
321102,京口区,321100,district,京口
321111,润州区,321100,district,润州
321112,丹徒区,321100,district,丹徒
321181,丹阳市,321100,district,丹阳
321182,扬中市,321100,district,!扬中
321183,句容市,321100,district,句容
321100Z01,镇江新区,321100,zone,镇江市新区
321200,泰州市,320000,city,泰州|Taizhou
321202,海陵区,321200,district,海陵
321203,高港区,321200,district,高港
321204,姜堰区,321200,district,姜堰
321281,兴化市,321200,district,兴化
321282,靖江市,321200,district,靖江
321283,泰兴市,321200,district,泰兴
321300,宿迁市,320000,city,宿迁|Suqian
321302,宿城区,321300,district,宿城
321311,宿豫区,321300,district,宿豫
321322,沭阳县,321300,district,沭阳
321323,泗阳县,321300,district,泗阳
321324,泗洪县,321300,district,泗洪
320000Z01,中国(江苏)自由贸易试验区,320000,zone,江苏自贸区|江苏自由贸易试验区|中国（江苏）自由贸易试验区
320100Z02,南京经济技术开发区,320100,zone,南京经开区
320100Z03,南京高新技术产业开发区,320100,zone,南京高新区|南京国家高新区
320100Z04,江苏自贸区南京片区,320100Z01,zone,自贸区南京片区|南京片区
320115Z01,江宁经济技术开发区,320115,zone,江宁开发区|江宁经开区
320200Z01,无锡经济开发区,320200,zone,无锡经开区
320300Z01,徐州经济技术开发区,320300,zone,徐州经开区
320400Z01,常州经济开发区,320400,zone,常州经开区
320500Z01,江苏自贸区苏州片区,320571,zone,自贸区苏州片区|苏州片区
320583Z01,昆山经济技术开发区,320583,zone,昆山开发区|昆山经开区
320582Z01,张家港保税区,320582,zone,张家港保税港区
320585Z01,太仓港经济技术开发区,320585,zone,太仓港开发区|太仓港口
320600Z02,南通经济技术开发区,320600,zone,南通开发区|南通经开区
320700Z01,连云港经济技术开发区,320700,zone,连云港开发区|连云港经开区
320700Z02,徐圩新区,320700,zone,连云港徐圩新区
320700Z03,江苏自贸区连云港片区,320700,zone,自贸区连云港片区|连云港片区
320800Z01,淮安经济技术开发区,320800,zone,淮安开发区|淮安经开区
320900Z01,盐城经济技术开发区,320900,zone,盐城开发区|盐城经开区
321000Z01,扬州经济技术开发区,321000,zone,扬州开发区|扬州经开区
321200Z01,泰州医药高新技术产业开发区,321200,zone,泰州医药高新区|中国医药城
321300Z01,宿迁经济技术开发区,321300,zone,宿迁开发区|宿迁经开区
321300Z02,宿迁市湖滨新区,321300,zone,湖滨新区
110000,北京市,,province,北京|京|Beijing
110108,海淀区,110000,district,海淀|中关村|Haidian|Zhongguancun
120000,天津市,,province,天津|津|Tianjin
130000,河北省,,province,河北|冀|在冀|来冀|赴冀|驻冀|Hebei
130600,保定市,130000,city,保定|Baoding
140000,山西省,,province,山西|晋|Shanxi
150000,内蒙古自治区,,province,内蒙古|Inner Mongolia
210000,辽宁省,,province,辽宁|Liaoning
210100,沈阳市,210000,city,沈阳|Shenyang
210200,大连市,210000,city,大连|Dalian
220000,吉林省,,province,!吉林|Jilin
230000,黑龙江省,,province,黑龙江|Heilongjiang
310000,上海市,,province,上海|沪|在沪|来沪|赴沪|驻沪|Shanghai
310000Z01,中国(上海)自由贸易试验区临港新片区,310115,zone,临港新片区|上海临港|上海临港新片区|中国（上海）自由贸易试验区临港新片区|!临港|Lingang
330000,浙江省,,province,浙江|浙|Zhejiang
330100,杭州市,330000,city,杭州|Hangzhou
330102,上城区,330100,district,杭州市上城区|!上城
330200,宁波市,330000,city,宁波|Ningbo
340000,安徽省,,province,安徽|皖|在皖|来皖|赴皖|驻皖|Anhui
340100,合肥市,340000,city,合肥|Hefei
350000,福建省,,province,福建|闽|在闽|来闽|赴闽|驻闽|Fujian
350200,厦门市,350000,city,厦门|Xiamen
360000,江西省,,province,江西|赣|Jiangxi
370000,山东省,,province,山东|鲁|在鲁|来鲁|赴鲁|驻鲁|Shandong
370200,青岛市,370000,city,青岛|Qingdao
410000,河南省,,province,河南|豫|在豫|来豫|赴豫|驻豫|Henan
411500,信阳市,410000,city,信阳
420000,湖北省,,province,湖北|鄂|在鄂|来鄂|赴鄂|驻鄂|Hubei
420100,武汉市,420000,city,武汉|Wuhan
420100Z01,东湖新技术开发区,420100,zone,武汉东湖新技术开发区|东湖高新区|光谷|武汉东湖高新区|武汉光谷
430000,湖南省,,province,湖南|湘|Hunan
430100,长沙市,430000,city,长沙|Changsha
440000,广东省,,province,广东|粤|在粤|来粤|赴粤|驻粤|Guangdong
440100,广州市,440000,city,广州|Guangzhou
440300,深圳市,440000,city,深圳|Shenzhen
441900,东莞市,440000,city,东莞|Dongguan
450000,广西壮族自治区,,province,广西|Guangxi
460000,海南省,,province,海南|琼|Hainan
500000,重庆市,,province,重庆|渝|Chongqing
510000,四川省,,province,四川|川|Sichuan
510100,成都市,510000,city,成都|Chengdu
520000,贵州省,,province,贵州|黔|Guizhou
530000,云南省,,province,云南|滇|Yunnan
540000,西藏自治区,,province,西藏|藏|Tibet|Xizang
610000,陕西省,,province,陕西|陕|Shaanxi
610100,西安市,610000,city,西安|Xi'an
620000,甘肃省,,province,甘肃|甘|Gansu
630000,青海省,,province,青海|青|Qinghai
640000,宁夏回族自治区,,province,宁夏|Ningxia
650000,新疆维吾尔自治区,,province,新疆|Xinjiang
710000,台湾省,,province,台湾|Taiwan
810000,香港特别行政区,,province,香港|Hong Kong
820000,澳门特别行政区,,province,澳门|Macao|Macau
"""
