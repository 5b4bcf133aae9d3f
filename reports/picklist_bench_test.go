package reports

import (
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/jung-kurt/gofpdf"

	"orderdesk/app"
	"orderdesk/assets"
)

// A big sale day's batch: 1,000 pick lists whose recipients, addresses
// and products are drawn from the characters real names and streets are
// made of, so that some 3,500 distinct Chinese characters land in one
// PDF.

// commonHanRows is the first level of GB 2312, the 3,755 characters that
// make up nearly all names, streets and shop goods, in the standard's
// (pinyin) order.
const commonHanRows = `
啊阿埃挨哎唉哀皑癌蔼矮艾碍爱隘鞍氨安俺按暗岸胺案肮昂盎凹敖熬翱袄傲奥懊澳芭捌扒叭吧笆八疤巴拔跋靶把耙坝霸罢爸白柏百摆佰败拜稗斑班
搬扳般颁板版扮拌伴瓣半办绊邦帮梆榜膀绑棒磅蚌镑傍谤苞胞包褒剥薄雹保堡饱宝抱报暴豹鲍爆杯碑悲卑北辈背贝钡倍狈备惫焙被奔苯本笨崩绷甭
泵蹦迸逼鼻比鄙笔彼碧蓖蔽毕毙毖币庇痹闭敝弊必辟壁臂避陛鞭边编贬扁便变卞辨辩辫遍标彪膘表鳖憋别瘪彬斌濒滨宾摈兵冰柄丙秉饼炳病并玻菠
播拨钵波博勃搏铂箔伯帛舶脖膊渤泊驳捕卜哺补埠不布步簿部怖擦猜裁材才财睬踩采彩菜蔡餐参蚕残惭惨灿苍舱仓沧藏操糙槽曹草厕策侧册测层蹭
插叉茬茶查碴搽察岔差诧拆柴豺搀掺蝉馋谗缠铲产阐颤昌猖场尝常长偿肠厂敞畅唱倡超抄钞朝嘲潮巢吵炒车扯撤掣彻澈郴臣辰尘晨忱沉陈趁衬撑称
城橙成呈乘程惩澄诚承逞骋秤吃痴持匙池迟弛驰耻齿侈尺赤翅斥炽充冲虫崇宠抽酬畴踌稠愁筹仇绸瞅丑臭初出橱厨躇锄雏滁除楚础储矗搐触处揣川
穿椽传船喘串疮窗幢床闯创吹炊捶锤垂春椿醇唇淳纯蠢戳绰疵茨磁雌辞慈瓷词此刺赐次聪葱囱匆从丛凑粗醋簇促蹿篡窜摧崔催脆瘁粹淬翠村存寸磋
撮搓措挫错搭达答瘩打大呆歹傣戴带殆代贷袋待逮怠耽担丹单郸掸胆旦氮但惮淡诞弹蛋当挡党荡档刀捣蹈倒岛祷导到稻悼道盗德得的蹬灯登等瞪凳
邓堤低滴迪敌笛狄涤翟嫡抵底地蒂第帝弟递缔颠掂滇碘点典靛垫电佃甸店惦奠淀殿碉叼雕凋刁掉吊钓调跌爹碟蝶迭谍叠丁盯叮钉顶鼎锭定订丢东冬
董懂动栋侗恫冻洞兜抖斗陡豆逗痘都督毒犊独读堵睹赌杜镀肚度渡妒端短锻段断缎堆兑队对墩吨蹲敦顿囤钝盾遁掇哆多夺垛躲朵跺舵剁惰堕蛾峨鹅
俄额讹娥恶厄扼遏鄂饿恩而儿耳尔饵洱二贰发罚筏伐乏阀法珐藩帆番翻樊矾钒繁凡烦反返范贩犯饭泛坊芳方肪房防妨仿访纺放菲非啡飞肥匪诽吠肺
废沸费芬酚吩氛分纷坟焚汾粉奋份忿愤粪丰封枫蜂峰锋风疯烽逢冯缝讽奉凤佛否夫敷肤孵扶拂辐幅氟符伏俘服浮涪福袱弗甫抚辅俯釜斧脯腑府腐赴
副覆赋复傅付阜父腹负富讣附妇缚咐噶嘎该改概钙盖溉干甘杆柑竿肝赶感秆敢赣冈刚钢缸肛纲岗港杠篙皋高膏羔糕搞镐稿告哥歌搁戈鸽胳疙割革葛
格蛤阁隔铬个各给根跟耕更庚羹埂耿梗工攻功恭龚供躬公宫弓巩汞拱贡共钩勾沟苟狗垢构购够辜菇咕箍估沽孤姑鼓古蛊骨谷股故顾固雇刮瓜剐寡挂
褂乖拐怪棺关官冠观管馆罐惯灌贯光广逛瑰规圭硅归龟闺轨鬼诡癸桂柜跪贵刽辊滚棍锅郭国果裹过哈骸孩海氦亥害骇酣憨邯韩含涵寒函喊罕翰撼捍
旱憾悍焊汗汉夯杭航壕嚎豪毫郝好耗号浩呵喝荷菏核禾和何合盒貉阂河涸赫褐鹤贺嘿黑痕很狠恨哼亨横衡恒轰哄烘虹鸿洪宏弘红喉侯猴吼厚候后呼
乎忽瑚壶葫胡蝴狐糊湖弧虎唬护互沪户花哗华猾滑画划化话槐徊怀淮坏欢环桓还缓换患唤痪豢焕涣宦幻荒慌黄磺蝗簧皇凰惶煌晃幌恍谎灰挥辉徽恢
蛔回毁悔慧卉惠晦贿秽会烩汇讳诲绘荤昏婚魂浑混豁活伙火获或惑霍货祸击圾基机畸稽积箕肌饥迹激讥鸡姬绩缉吉极棘辑籍集及急疾汲即嫉级挤几
脊己蓟技冀季伎祭剂悸济寄寂计记既忌际妓继纪嘉枷夹佳家加荚颊贾甲钾假稼价架驾嫁歼监坚尖笺间煎兼肩艰奸缄茧检柬碱硷拣捡简俭剪减荐槛鉴
践贱见键箭件健舰剑饯渐溅涧建僵姜将浆江疆蒋桨奖讲匠酱降蕉椒礁焦胶交郊浇骄娇嚼搅铰矫侥脚狡角饺缴绞剿教酵轿较叫窖揭接皆秸街阶截劫节
桔杰捷睫竭洁结解姐戒藉芥界借介疥诫届巾筋斤金今津襟紧锦仅谨进靳晋禁近烬浸尽劲荆兢茎睛晶鲸京惊精粳经井警景颈静境敬镜径痉靖竟竞净炯
窘揪究纠玖韭久灸九酒厩救旧臼舅咎就疚鞠拘狙疽居驹菊局咀矩举沮聚拒据巨具距踞锯俱句惧炬剧捐鹃娟倦眷卷绢撅攫抉掘倔爵觉决诀绝均菌钧军
君峻俊竣浚郡骏喀咖卡咯开揩楷凯慨刊堪勘坎砍看康慷糠扛抗亢炕考拷烤靠坷苛柯棵磕颗科壳咳可渴克刻客课肯啃垦恳坑吭空恐孔控抠口扣寇枯哭
窟苦酷库裤夸垮挎跨胯块筷侩快宽款匡筐狂框矿眶旷况亏盔岿窥葵奎魁傀馈愧溃坤昆捆困括扩廓阔垃拉喇蜡腊辣啦莱来赖蓝婪栏拦篮阑兰澜谰揽览
懒缆烂滥琅榔狼廊郎朗浪捞劳牢老佬姥酪烙涝勒乐雷镭蕾磊累儡垒擂肋类泪棱楞冷厘梨犁黎篱狸离漓理李里鲤礼莉荔吏栗丽厉励砾历利傈例俐痢立
粒沥隶力璃哩俩联莲连镰廉怜涟帘敛脸链恋炼练粮凉梁粱良两辆量晾亮谅撩聊僚疗燎寥辽潦了撂镣廖料列裂烈劣猎琳林磷霖临邻鳞淋凛赁吝拎玲菱
零龄铃伶羚凌灵陵岭领另令溜琉榴硫馏留刘瘤流柳六龙聋咙笼窿隆垄拢陇楼娄搂篓漏陋芦卢颅庐炉掳卤虏鲁麓碌露路赂鹿潞禄录陆戮驴吕铝侣旅履
屡缕虑氯律率滤绿峦挛孪滦卵乱掠略抡轮伦仑沦纶论萝螺罗逻锣箩骡裸落洛骆络妈麻玛码蚂马骂嘛吗埋买麦卖迈脉瞒馒蛮满蔓曼慢漫谩芒茫盲氓忙
莽猫茅锚毛矛铆卯茂冒帽貌贸么玫枚梅酶霉煤没眉媒镁每美昧寐妹媚门闷们萌蒙檬盟锰猛梦孟眯醚靡糜迷谜弥米秘觅泌蜜密幂棉眠绵冕免勉娩缅面
苗描瞄藐秒渺庙妙蔑灭民抿皿敏悯闽明螟鸣铭名命谬摸摹蘑模膜磨摩魔抹末莫墨默沫漠寞陌谋牟某拇牡亩姆母墓暮幕募慕木目睦牧穆拿哪呐钠那娜
纳氖乃奶耐奈南男难囊挠脑恼闹淖呢馁内嫩能妮霓倪泥尼拟你匿腻逆溺蔫拈年碾撵捻念娘酿鸟尿捏聂孽啮镊镍涅您柠狞凝宁拧泞牛扭钮纽脓浓农弄
奴努怒女暖虐疟挪懦糯诺哦欧鸥殴藕呕偶沤啪趴爬帕怕琶拍排牌徘湃派攀潘盘磐盼畔判叛乓庞旁耪胖抛咆刨炮袍跑泡呸胚培裴赔陪配佩沛喷盆砰抨
烹澎彭蓬棚硼篷膨朋鹏捧碰坯砒霹批披劈琵毗啤脾疲皮匹痞僻屁譬篇偏片骗飘漂瓢票撇瞥拼频贫品聘乒坪苹萍平凭瓶评屏坡泼颇婆破魄迫粕剖扑铺
仆莆葡菩蒲埔朴圃普浦谱曝瀑期欺栖戚妻七凄漆柒沏其棋奇歧畦崎脐齐旗祈祁骑起岂乞企启契砌器气迄弃汽泣讫掐恰洽牵扦钎铅千迁签仟谦乾黔钱
钳前潜遣浅谴堑嵌欠歉枪呛腔羌墙蔷强抢橇锹敲悄桥瞧乔侨巧鞘撬翘峭俏窍切茄且怯窃钦侵亲秦琴勤芹擒禽寝沁青轻氢倾卿清擎晴氰情顷请庆琼穷
秋丘邱球求囚酋泅趋区蛆曲躯屈驱渠取娶龋趣去圈颧权醛泉全痊拳犬券劝缺炔瘸却鹊榷确雀裙群然燃冉染瓤壤攘嚷让饶扰绕惹热壬仁人忍韧任认刃
妊纫扔仍日戎茸蓉荣融熔溶容绒冗揉柔肉茹蠕儒孺如辱乳汝入褥软阮蕊瑞锐闰润若弱撒洒萨腮鳃塞赛三叁伞散桑嗓丧搔骚扫嫂瑟色涩森僧莎砂杀刹
沙纱傻啥煞筛晒珊苫杉山删煽衫闪陕擅赡膳善汕扇缮墒伤商赏晌上尚裳梢捎稍烧芍勺韶少哨邵绍奢赊蛇舌舍赦摄射慑涉社设砷申呻伸身深娠绅神沈
审婶甚肾慎渗声生甥牲升绳省盛剩胜圣师失狮施湿诗尸虱十石拾时什食蚀实识史矢使屎驶始式示士世柿事拭誓逝势是嗜噬适仕侍释饰氏市恃室视试
收手首守寿授售受瘦兽蔬枢梳殊抒输叔舒淑疏书赎孰熟薯暑曙署蜀黍鼠属术述树束戍竖墅庶数漱恕刷耍摔衰甩帅栓拴霜双爽谁水睡税吮瞬顺舜说硕
朔烁斯撕嘶思私司丝死肆寺嗣四伺似饲巳松耸怂颂送宋讼诵搜艘擞嗽苏酥俗素速粟僳塑溯宿诉肃酸蒜算虽隋随绥髓碎岁穗遂隧祟孙损笋蓑梭唆缩琐
索锁所塌他它她塔獭挞蹋踏胎苔抬台泰酞太态汰坍摊贪瘫滩坛檀痰潭谭谈坦毯袒碳探叹炭汤塘搪堂棠膛唐糖倘躺淌趟烫掏涛滔绦萄桃逃淘陶讨套特
藤腾疼誊梯剔踢锑提题蹄啼体替嚏惕涕剃屉天添填田甜恬舔腆挑条迢眺跳贴铁帖厅听烃汀廷停亭庭挺艇通桐酮瞳同铜彤童桶捅筒统痛偷投头透凸秃
突图徒途涂屠土吐兔湍团推颓腿蜕褪退吞屯臀拖托脱鸵陀驮驼椭妥拓唾挖哇蛙洼娃瓦袜歪外豌弯湾玩顽丸烷完碗挽晚皖惋宛婉万腕汪王亡枉网往旺
望忘妄威巍微危韦违桅围唯惟为潍维苇萎委伟伪尾纬未蔚味畏胃喂魏位渭谓尉慰卫瘟温蚊文闻纹吻稳紊问嗡翁瓮挝蜗涡窝我斡卧握沃巫呜钨乌污诬
屋无芜梧吾吴毋武五捂午舞伍侮坞戊雾晤物勿务悟误昔熙析西硒矽晰嘻吸锡牺稀息希悉膝夕惜熄烯溪汐犀檄袭席习媳喜铣洗系隙戏细瞎虾匣霞辖暇
峡侠狭下厦夏吓掀锨先仙鲜纤咸贤衔舷闲涎弦嫌显险现献县腺馅羡宪陷限线相厢镶香箱襄湘乡翔祥详想响享项巷橡像向象萧硝霄削哮嚣销消宵淆晓
小孝校肖啸笑效楔些歇蝎鞋协挟携邪斜胁谐写械卸蟹懈泄泻谢屑薪芯锌欣辛新忻心信衅星腥猩惺兴刑型形邢行醒幸杏性姓兄凶胸匈汹雄熊休修羞朽
嗅锈秀袖绣墟戌需虚嘘须徐许蓄酗叙旭序畜恤絮婿绪续轩喧宣悬旋玄选癣眩绚靴薛学穴雪血勋熏循旬询寻驯巡殉汛训讯逊迅压押鸦鸭呀丫芽牙蚜崖
衙涯雅哑亚讶焉咽阉烟淹盐严研蜒岩延言颜阎炎沿奄掩眼衍演艳堰燕厌砚雁唁彦焰宴谚验殃央鸯秧杨扬佯疡羊洋阳氧仰痒养样漾邀腰妖瑶摇尧遥窑
谣姚咬舀药要耀椰噎耶爷野冶也页掖业叶曳腋夜液一壹医揖铱依伊衣颐夷遗移仪胰疑沂宜姨彝椅蚁倚已乙矣以艺抑易邑屹亿役臆逸肄疫亦裔意毅忆
义益溢诣议谊译异翼翌绎茵荫因殷音阴姻吟银淫寅饮尹引隐印英樱婴鹰应缨莹萤营荧蝇迎赢盈影颖硬映哟拥佣臃痈庸雍踊蛹咏泳涌永恿勇用幽优悠
忧尤由邮铀犹油游酉有友右佑釉诱又幼迂淤于盂榆虞愚舆余俞逾鱼愉渝渔隅予娱雨与屿禹宇语羽玉域芋郁吁遇喻峪御愈欲狱育誉浴寓裕预豫驭鸳渊
冤元垣袁原援辕园员圆猿源缘远苑愿怨院曰约越跃钥岳粤月悦阅耘云郧匀陨允运蕴酝晕韵孕匝砸杂栽哉灾宰载再在咱攒暂赞赃脏葬遭糟凿藻枣早澡
蚤躁噪造皂灶燥责择则泽贼怎增憎曾赠扎喳渣札轧铡闸眨栅榨咋乍炸诈摘斋宅窄债寨瞻毡詹粘沾盏斩辗崭展蘸栈占战站湛绽樟章彰漳张掌涨杖丈帐
账仗胀瘴障招昭找沼赵照罩兆肇召遮折哲蛰辙者锗蔗这浙珍斟真甄砧臻贞针侦枕疹诊震振镇阵蒸挣睁征狰争怔整拯正政帧症郑证芝枝支吱蜘知肢脂
汁之织职直植殖执值侄址指止趾只旨纸志挚掷至致置帜峙制智秩稚质炙痔滞治窒中盅忠钟衷终种肿重仲众舟周州洲诌粥轴肘帚咒皱宙昼骤珠株蛛朱
猪诸诛逐竹烛煮拄瞩嘱主著柱助蛀贮铸筑住注祝驻抓爪拽专砖转撰赚篆桩庄装妆撞壮状椎锥追赘坠缀谆准捉拙卓桌琢茁酌啄着灼浊兹咨资姿滋淄孜
紫仔籽滓子自渍字鬃棕踪宗综总纵邹走奏揍租足卒族祖诅阻组钻纂嘴醉最罪尊遵昨左佐柞做作坐座
`

var commonHan = []rune(strings.ReplaceAll(commonHanRows, "\n", ""))

var (
	surnames = []rune("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
	places   = []struct {
		province string
		cities   []string
	}{
		{"浙江省", []string{"杭州市", "宁波市", "温州市", "绍兴市", "湖州市", "嘉兴市", "金华市", "台州市"}},
		{"江苏省", []string{"南京市", "苏州市", "无锡市", "常州市", "扬州市", "南通市", "徐州市"}},
		{"广东省", []string{"广州市", "深圳市", "佛山市", "东莞市", "珠海市", "汕头市", "惠州市"}},
		{"四川省", []string{"成都市", "绵阳市", "德阳市", "宜宾市", "乐山市", "南充市"}},
		{"湖北省", []string{"武汉市", "宜昌市", "襄阳市", "荆州市", "黄石市"}},
		{"山东省", []string{"济南市", "青岛市", "烟台市", "潍坊市", "临沂市", "威海市"}},
		{"福建省", []string{"福州市", "厦门市", "泉州市", "漳州市", "莆田市"}},
		{"河南省", []string{"郑州市", "洛阳市", "开封市", "新乡市", "南阳市"}},
		{"湖南省", []string{"长沙市", "株洲市", "湘潭市", "衡阳市", "岳阳市"}},
		{"陕西省", []string{"西安市", "宝鸡市", "咸阳市", "延安市", "汉中市"}},
		{"云南省", []string{"昆明市", "大理市", "丽江市", "曲靖市", "玉溪市"}},
		{"辽宁省", []string{"沈阳市", "大连市", "鞍山市", "锦州市", "丹东市"}},
		{"北京市", []string{"北京市"}},
		{"上海市", []string{"上海市"}},
		{"天津市", []string{"天津市"}},
		{"重庆市", []string{"重庆市"}},
	}
	districtEnds = []string{"区", "县", "新区", "开发区"}
	roadEnds     = []string{"路", "街", "大道", "巷", "南路", "北路", "东路", "西路", "中路"}
	estateEnds   = []string{"花园", "小区", "公寓", "家园", "苑", "新村", "大厦", "广场", "名邸"}
	goods        = []struct {
		noun, unit string
		specs      []string
	}{
		{"龙井绿茶", "罐", []string{"250g 罐装", "100g 袋装", "500g 礼盒"}},
		{"普洱茶饼", "饼", []string{"357g", "200g 小饼"}},
		{"紫砂壶", "把", []string{"300ml 西施", "220ml 石瓢", "180ml 仿古"}},
		{"白瓷品茗杯", "套", []string{"6 只/盒", "4 只/盒"}},
		{"玻璃公道杯", "个", []string{"350ml", "500ml 加厚"}},
		{"不锈钢保温杯", "个", []string{"500ml 黑色", "350ml 白色", "750ml 红色"}},
		{"真丝围巾", "条", []string{"180×90cm 藏青", "160×50cm 米白"}},
		{"羊绒毛衣", "件", []string{"M 驼色", "L 灰色", "XL 藏蓝"}},
		{"竹制砧板", "块", []string{"40×28cm", "32×22cm"}},
		{"铸铁炒锅", "口", []string{"32cm 无涂层", "28cm 带盖"}},
		{"陶瓷花瓶", "只", []string{"高 30cm 青花", "高 22cm 冰裂"}},
		{"土蜂蜜", "瓶", []string{"500g 玻璃瓶", "1kg 塑料瓶"}},
		{"新疆红枣", "袋", []string{"1kg 特级", "500g 一级"}},
		{"手工香皂", "盒", []string{"3 块装", "6 块装 礼盒"}},
		{"纯棉毛巾", "条", []string{"34×76cm", "70×140cm 浴巾"}},
		{"蚕丝被", "床", []string{"200×230cm 春秋款", "220×240cm 冬款"}},
		{"檀木梳", "把", []string{"宽齿", "细齿 礼盒"}},
		{"黑芝麻丸", "盒", []string{"252g 36 丸", "126g 18 丸"}},
	}
	requests = []string{"请勿放价格单。", "送货前请先电话联系。", "礼品包装，附手写贺卡。", "放门卫室或快递柜即可。",
		"防潮包装，外箱贴易碎标识。", "周末也可送货，工作日请晚上六点后送达。", "请用原厂包装，不要拆开外盒。",
		"两件分开包装，分别贴上姓名。"}
)

// batchRand draws the same batch every run.
type batchRand struct{ *rand.Rand }

func (r batchRand) pick(n int) int { return r.IntN(n) }

func (r batchRand) han(n int) string {
	out := make([]rune, n)
	for i := range out {
		out[i] = commonHan[r.pick(len(commonHan))]
	}
	return string(out)
}

func (r batchRand) of(list []string) string { return list[r.pick(len(list))] }

// batchProduct is one product of the batch's catalogue, kept in one bin.
type batchProduct struct {
	id                             int64
	sku, barcode, name, spec, unit string
	aisle                          string
	shelf, position                int
}

// batchPickLists makes n orders' pick lists, each of two to seven stops,
// from a catalogue of 1,200 products in one warehouse.
func batchPickLists(n int) []app.PickList {
	r := batchRand{rand.New(rand.NewPCG(2026, 11))}
	catalogue := make([]batchProduct, 1200)
	for i := range catalogue {
		g := goods[r.pick(len(goods))]
		aisle := string(rune('A' + r.pick(8)))
		catalogue[i] = batchProduct{id: int64(i + 1), sku: fmt.Sprintf("%s-%04d", aisle, 1000+i),
			barcode: fmt.Sprintf("69%011d", 30000000000+int64(i)*7919), name: r.han(3) + g.noun,
			spec: g.specs[r.pick(len(g.specs))], unit: g.unit, aisle: aisle, shelf: 1 + r.pick(12), position: 1 + r.pick(8)}
		if i%5 == 0 {
			catalogue[i].barcode = "" // no barcode of its own: its SKU's
		}
	}
	lists := make([]app.PickList, n)
	for i := range lists {
		place := places[r.pick(len(places))]
		o := &app.Order{ID: int64(i + 1), Number: fmt.Sprintf("202611-%03d", i+1),
			RecipientName:  string(surnames[r.pick(len(surnames))]) + r.han(1+r.pick(2)),
			RecipientPhone: fmt.Sprintf("1%02d %04d %04d", 30+r.pick(60), r.pick(10000), r.pick(10000)),
			Address: app.Address{Province: place.province, City: place.cities[r.pick(len(place.cities))],
				District: r.han(2) + r.of(districtEnds),
				Street: fmt.Sprintf("%s%s %d 号 %s%s %d 栋 %d 单元 %d 室", r.han(2), r.of(roadEnds), 1+r.pick(999),
					r.han(2), r.of(estateEnds), 1+r.pick(30), 1+r.pick(6), 101+r.pick(2800)),
				Postcode: fmt.Sprintf("%06d", 100000+r.pick(800000)), Country: "CN"},
			Delivery: app.Delivery{Urgency: app.UrgencyStandard}}
		if r.pick(6) == 0 {
			o.Delivery.Urgency = app.UrgencyUrgent
		}
		if r.pick(3) == 0 {
			o.SpecialRequest = r.of(requests)
		}
		stops := 2 + r.pick(6)
		for k := range stops {
			p := catalogue[r.pick(len(catalogue))]
			lists[i].Stops = append(lists[i].Stops, app.PickStop{OrderID: o.ID, OrderNumber: o.Number, LineNo: k + 1,
				ProductID: p.id, SKU: p.sku, Barcode: p.barcode, Name: p.name, Spec: p.spec, Unit: p.unit,
				WarehouseID: 1, WarehouseCode: "HZ", BinCode: fmt.Sprintf("%s-%d-%d", p.aisle, p.shelf, p.position),
				Aisle: p.aisle, Shelf: p.shelf, Position: p.position, Qty: int64(1 + r.pick(4))})
		}
		lists[i].Stops = walked(lists[i].Stops)
		lists[i].Order = o
	}
	return lists
}

// sheetTexts is every text of the batch, the order it prints in.
func sheetTexts(v PickLists) []string {
	texts := []string{v.Shop, v.Printed}
	for _, s := range v.Sheets {
		texts = append(texts, s.Title, s.OrderNumber, s.Urgent)
		for _, f := range append(s.Facts, s.Notes...) {
			texts = append(texts, f.Label, f.Value)
		}
		for _, r := range append([]PickRow{s.Heads}, s.Rows...) {
			texts = append(texts, r.Bin, r.SKU, r.Barcode, r.Product, r.Spec, r.Unit, r.Qty, r.Orders, r.Check)
		}
		texts = append(texts, s.Total.Label, s.Total.Value)
		texts = append(texts, s.SignLines...)
	}
	return texts
}

// distinctHan counts the Chinese characters of texts.
func distinctHan(texts []string) int {
	seen := map[rune]bool{}
	for _, t := range texts {
		for _, r := range t {
			if unicode.Is(unicode.Han, r) {
				seen[r] = true
			}
		}
	}
	return len(seen)
}

// writeBare writes texts with gofpdf alone: the same font, one cell per
// text down the pages, no layout, no barcodes.
func writeBare(w io.Writer, texts []string) error {
	pdf := gofpdf.New("P", "mm", "A4", "")
	pdf.AddUTF8FontFromBytes(fontName, "", assets.DocumentFont)
	pdf.SetFont(fontName, "", 10)
	pdf.AddPage()
	for _, t := range texts {
		if t != "" {
			pdf.CellFormat(0, 5, t, "", 1, "L", false, 0, "")
		}
	}
	return pdf.Output(w)
}

const batchSize = 1000

// BenchmarkPickListBatch prints 1,000 pick lists in one PDF: letterless
// heads, barcodes, tables in walking order, tick boxes, signatures.
func BenchmarkPickListBatch(b *testing.B) {
	lists := batchPickLists(batchSize)
	opt := PickListOptions{Lang: LangChinese, Now: letterNow}
	var out bytes.Buffer
	for b.Loop() {
		out.Reset()
		if err := WritePickLists(&out, NewPickLists(sampleShop(), lists, opt)); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(out.Len())/(1<<20), "MB")
	b.ReportMetric(float64(distinctHan(sheetTexts(NewPickLists(sampleShop(), lists, opt)))), "han")
	readsBack(b, out.Bytes(), lists)
}

// BenchmarkPickListBare writes the same texts with bare gofpdf, for
// comparison.
func BenchmarkPickListBare(b *testing.B) {
	texts := sheetTexts(NewPickLists(sampleShop(), batchPickLists(batchSize), PickListOptions{Lang: LangChinese, Now: letterNow}))
	var out bytes.Buffer
	for b.Loop() {
		out.Reset()
		if err := writeBare(&out, texts); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(out.Len())/(1<<20), "MB")
	b.ReportMetric(float64(distinctHan(texts)), "han")
}

// readsBack checks that every recipient and product name of the batch
// reads back from the PDF, where pdftotext is installed.
func readsBack(b *testing.B, pdf []byte, lists []app.PickList) {
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		return
	}
	path := filepath.Join(b.TempDir(), "batch.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		b.Fatal(err)
	}
	got, err := exec.Command(bin, path, "-").Output()
	if err != nil {
		b.Fatal(err)
	}
	text := flat(string(got))
	for _, list := range lists {
		for _, want := range []string{list.Order.Number, list.Order.RecipientName, list.Stops[0].Name} {
			if !strings.Contains(text, flat(want)) {
				b.Fatalf("%q does not read back from the batch", want)
			}
		}
	}
}
