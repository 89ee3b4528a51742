"""Language and script of one utterance: English, Cantonese, Traditional or Simplified Chinese, or mixed.

``detect_language(text)`` returns one of ``types.Language``:

* ``"en"``: no Chinese characters, or only one next to English words; also empty or punctuation-only text.
* ``"mixed"``: substantial Latin-script words *and* Chinese characters (Hong Kong code-mixing, e.g.
  "我哋今日講 photosynthesis"). Single letters, variable names and short upper-case acronyms (``AC``,
  ``DNA``, ``PPT``) do not count as English words, so maths talk such as "AC的平方" stays Chinese.
* ``"yue"``: written Cantonese (佢, 嘅, 咗, 唔, 冇, 喺, 嚟, 點解, 係咪 …), in either script.
* ``"zh-Hant"`` / ``"zh-Hans"``: decided by the characters that differ between the two scripts (們/们,
  這/这, 個/个 …). Text made only of characters the two scripts share (e.g. "你好") is reported as
  ``"zh-Hant"``, the portal's default for Hong Kong schools.

The module also owns the compact Traditional -> Simplified character table (``TRAD_TO_SIMP``,
``to_simplified``) that ``dialogid`` uses. It is a hand-made list of about 1,600 one-to-one character
pairs, the common characters of classroom talk, not a full converter: word-level differences such as
甚麼/什么 are handled by ``to_simplified`` only for a few frequent words.

Pure stdlib, no state beyond module-level tables; about 10 microseconds per utterance.
"""

from __future__ import annotations

import re

__all__ = [
    "CANTONESE_CHARS",
    "CANTONESE_WORDS",
    "TRAD_TO_SIMP",
    "detect_language",
    "is_cjk",
    "to_simplified",
]

# Traditional -> Simplified, one pair per token (traditional first). Hand-made; characters whose
# traditional and simplified forms coincide are not listed.
_PAIRS = """
們们 這这 個个 說说 學学 為为 爲为 嗎吗 麼么 來来 對对 時时 會会 話话 語语 讀读 課课 請请 謝谢 認认 識识 講讲 記记 詞词
試试 該该 誰谁 論论 設设 計计 議议 證证 評评 調调 談谈 訴诉 誤误 讓让 許许 譯译 訪访 詳详 誠诚 誌志 謎谜 訓训 詩诗 誇夸
譜谱 諾诺 諸诸 謂谓 護护 讚赞 諒谅 訂订 討讨 訊讯 詢询 誕诞 諧谐 謊谎 謹谨 變变 託托 誦诵 謀谋 誼谊 謙谦 譽誉 詠咏 謠谣
辯辩 錯错 鐘钟 鍾钟 錢钱 銀银 鐵铁 鋼钢 針针 鉛铅 銅铜 鏡镜 鍵键 鎖锁 錄录 鋪铺 銷销 鑰钥 鈉钠 鉀钾 鋁铝 鋅锌 鎂镁 鈣钙
錳锰 銳锐 鈍钝 鋒锋 鏈链 鈴铃 鉤钩 銘铭 錦锦 鍋锅 鍊炼 鍛锻 鎮镇 鏟铲 鑄铸 釘钉 鑑鉴 鑒鉴 釣钓 鈔钞 鋸锯 錘锤 鍍镀 鏽锈
鑼锣 氫氢 門门 問问 間间 開开 關关 閱阅 聞闻 閉闭 閃闪 闊阔 闡阐 閒闲 閑闲 悶闷 鬧闹 闖闯 閣阁 閘闸 閏闰 閩闽 閥阀 闆板
馬马 媽妈 碼码 罵骂 驗验 騎骑 駕驾 驅驱 驚惊 駛驶 騰腾 篤笃 駐驻 騙骗 驟骤 駁驳 騷骚 貝贝 買买 賣卖 費费 資资 質质 貨货
責责 貴贵 財财 購购 賽赛 贏赢 敗败 賀贺 負负 貧贫 貼贴 賬账 賺赚 貢贡 販贩 貪贪 賦赋 贊赞 賓宾 賜赐 賠赔 賴赖 贈赠 貿贸
賭赌 賄贿 貞贞 實实 頁页 題题 頭头 顏颜 願愿 順顺 須须 預预 領领 類类 顯显 額额 頻频 頓顿 項项 顧顾 頸颈 顆颗 顛颠 頒颁
頌颂 頑顽 頂顶 頃顷 頗颇 頰颊 顫颤 鬚须 車车 輕轻 較较 輸输 轉转 輪轮 軍军 連连 運运 載载 輔辅 軟软 輯辑 陣阵 庫库 軌轨
軸轴 輛辆 輩辈 轟轰 軀躯 輿舆 級级 給给 結结 練练 經经 紅红 線线 綫线 細细 紙纸 終终 組组 網网 續续 總总 絕绝 約约 統统
純纯 紀纪 維维 繼继 綜综 編编 緒绪 緊紧 縮缩 繪绘 績绩 紹绍 織织 繫系 係系 絡络 纖纤 紛纷 縱纵 綠绿 縣县 繞绕 紋纹 繩绳
糾纠 紐纽 緻致 絲丝 綱纲 縫缝 纏缠 紮扎 飯饭 餓饿 飽饱 館馆 飲饮 餅饼 飛飞 飾饰 餵喂 飢饥 餃饺 饅馒 餘余 養养 魚鱼 鮮鲜
魯鲁 鯨鲸 魷鱿 鱷鳄 鳥鸟 雞鸡 鴨鸭 鳳凤 鳴鸣 鴿鸽 鵝鹅 鶴鹤 鷹鹰 鴉鸦 鵲鹊 覺觉 舉举 與与 興兴 書书 畫画 筆笔 電电 腦脑
機机 幾几 點点 數数 樣样 號号 國国 圖图 團团 園园 圓圆 邊边 過过 還还 進进 遠远 達达 遲迟 選选 適适 隨随 遞递 際际 陽阳
陰阴 隊队 險险 體体 務务 動动 勞劳 勢势 勵励 勝胜 劃划 劇剧 剛刚 則则 別别 刪删 創创 歲岁 歷历 曆历 壓压 廣广 應应 廳厅
廠厂 寫写 寶宝 審审 憲宪 將将 專专 導导 尋寻 當当 歸归 態态 慣惯 憶忆 懷怀 戲戏 戰战 擇择 撥拨 據据 擔担 揮挥 換换 擁拥
掃扫 損损 搖摇 擊击 報报 場场 塊块 壞坏 聲声 壯壮 處处 備备 復复 複复 夠够 夢梦 奪夺 奮奋 婦妇 孫孙 屬属 層层 島岛 帶带
幫帮 師师 帳帐 廢废 異异 彎弯 張张 彈弹 後后 從从 恆恒 惡恶 愛爱 憂忧 懼惧 擴扩 攜携 敵敌 斷断 於于 晝昼 曉晓 暫暂 東东
條条 極极 構构 標标 權权 樹树 橋桥 檢检 歡欢 殘残 氣气 漢汉 滅灭 準准 測测 湯汤 溝沟 滿满 濕湿 潔洁 濃浓 澤泽 灣湾 災灾
無无 熱热 營营 燈灯 爭争 爺爷 狀状 獨独 獲获 穫获 現现 環环 產产 畢毕 療疗 發发 髮发 盡尽 儘尽 監监 盤盘 眾众 衆众 睜睁
礎础 確确 禮礼 種种 稱称 穩稳 窮穷 競竞 節节 範范 簡简 糧粮 罰罚 義义 習习 聖圣 聯联 聽听 膚肤 腳脚 舊旧 艱艰 莊庄 華华
萬万 葉叶 蘭兰 虛虚 蟲虫 術术 衛卫 衞卫 衝冲 補补 裝装 裡里 裏里 製制 見见 規规 視视 親亲 覽览 觀观 觸触 豐丰 貓猫 趕赶
趨趋 跡迹 蹤踪 躍跃 辦办 辭辞 農农 鄉乡 醫医 釋释 長长 陸陆 陳陈 隱隐 雖虽 雙双 雜杂 難难 離离 雲云 靈灵 靜静 韓韩 響响
風风 鬥斗 麗丽 黃黄 齊齐 齒齿 龍龙 龜龟 億亿 價价 優优 傳传 偉伟 傷伤 傾倾 僅仅 債债 儀仪 兒儿 兩两 凍冻 劑剂 勁劲 區区
協协 單单 卻却 參参 叢丛 吳吴 員员 啟启 啓启 喚唤 嘆叹 嚴严 囑嘱 圍围 執执 堅坚 墊垫 壽寿 夾夹 寧宁 寢寝 屆届 峽峡 崗岗
嶺岭 巖岩 幣币 幹干 乾干 並并 廟庙 廚厨 彙汇 匯汇 徑径 恥耻 悅悦 惱恼 慮虑 慶庆 憐怜 懶懒 戀恋 撲扑 拋抛 捨舍 掛挂 採采
揀拣 揚扬 搶抢 攝摄 擺摆 擾扰 攤摊 敘叙 斬斩 暈晕 暢畅 曬晒 楊杨 楓枫 榮荣 槍枪 樂乐 樓楼 檔档 櫃柜 欄栏 歐欧 殺杀 毀毁
決决 沒没 況况 淚泪 淺浅 減减 溫温 滾滚 漁渔 漲涨 潛潜 澆浇 濟济 濤涛 灘滩 爐炉 烏乌 煉炼 煩烦 燒烧 燦灿 爛烂 犧牺 猶犹
獅狮 獎奖 獻献 瑣琐 畝亩 瘋疯 癢痒 皺皱 盞盏 睏困 矯矫 碩硕 磚砖 礦矿 禍祸 積积 竊窃 筍笋 築筑 簽签 籤签 籃篮 籠笼 粵粤
罷罢 羅罗 翹翘 聰聪 聳耸 肅肃 脅胁 脈脉 脫脱 腫肿 膽胆 臉脸 臘腊 臨临 臺台 檯台 颱台 艦舰 藝艺 蒼苍 蓋盖 薦荐 藍蓝 蘇苏
甦苏 蘋苹 蝦虾 螞蚂 蠟蜡 蠶蚕 蠻蛮 襯衬 襪袜 覓觅 豈岂 豎竖 豬猪 趙赵 踐践 邏逻 郵邮 鄰邻 醜丑 釀酿 隸隶 霧雾 韋韦 飄飘
髒脏 鹽盐 麥麦 黨党 齡龄 龐庞 內内 峯峰 羣群 麪面 麵面 隻只 祇只 衹只 纔才 鬆松 穀谷 佔占 週周 鬍胡 蘿萝 喪丧 嘗尝 嚐尝
壺壶 壩坝 宮宫 寬宽 屍尸 幟帜 廂厢 弔吊 懇恳 懲惩 攪搅 晉晋 檸柠 濱滨 煙烟 爾尔 牆墙 獸兽 瓊琼 疊叠 癡痴 盜盗 窩窝 竄窜
糞粪 腸肠 膩腻 艷艳 豔艳 蕭萧 藥药 蟻蚁 褲裤 遷迁 遺遗 鄭郑 醬酱 陝陕 鞏巩 韻韵 鬱郁 鹼碱 鹹咸 黴霉 齣出 佈布 僱雇 勳勋
厲厉 厭厌 啞哑 喲哟 嗚呜 噸吨 嚨咙 嚮向 墳坟 墾垦 壇坛 嬌娇 寵宠 廬庐 彌弥 徹彻 憑凭 懸悬 攔拦 攬揽 斃毙 曠旷 樁桩 殼壳
汙污 澀涩 濾滤 熾炽 燭烛 牽牵 瑩莹 瘡疮 盧卢 矚瞩 礙碍 祿禄 稅税 窯窑 篩筛 糰团 羨羡 聾聋 脹胀 腎肾 膠胶 艙舱 莖茎 萊莱
蓮莲 蔥葱 蕩荡 蘆芦 蛻蜕 蝕蚀 貳贰 賢贤 邁迈 醞酝 隴陇 韌韧 髏髅 鬢鬓 齋斋 迴回 沖冲 瞭了 夥伙 藉借 擬拟 擠挤 攏拢 紳绅
紡纺 絞绞 綿绵 緩缓 緯纬 緣缘 縛缚 繳缴 繡绣 纜缆 罈坛 羈羁 翺翱 聶聂 職职 脣唇 臟脏 艤舣 蒐搜 薑姜 虜虏 蝸蜗 蟬蝉 蠅蝇
裊袅 褻亵 襖袄 訛讹 訝讶 診诊 註注 詐诈 詛诅 詮诠 誘诱 諮咨 諷讽 謁谒 謄誊 譏讥 譴谴 讒谗 貫贯 貶贬 貸贷 賊贼 賃赁 賑赈
賤贱 贍赡 贖赎 踴踊 躂跶 軋轧 軒轩 輝辉 輻辐 輾辗 轄辖 辮辫 遜逊 遙遥 邇迩 郟郏 鄒邹 醃腌 釐厘 鈕钮 鈞钧 鉅巨 銜衔 鋤锄
錨锚 鍬锹 鎔熔 鏢镖 鐮镰 鐺铛 鑽钻 鑾銮 閡阂 閨闺 闈闱 闌阑 陘陉 隄堤 隕陨 雋隽 雛雏 霽霁 靂雳 靄霭 韁缰 顎颚 颳刮 颶飓
颼飕 飼饲 餌饵 餚肴 饑饥 饒饶 駝驼 駭骇 駱骆 騾骡 驢驴 驪骊 骯肮 鬨哄 魘魇 鯉鲤 鯊鲨 鱗鳞 鴕鸵 鴻鸿 鵑鹃 鶯莺 鷗鸥 鷺鹭
麩麸 黷黩 黽黾 鼕冬 齜龇 齟龃 龕龛 臥卧 溼湿 灑洒 灕漓 獵猎 犖荦 瑋玮 甌瓯 痙痉 痲麻 瘍疡 瘓痪 瘞瘗 癆痨 癒愈 癟瘪 癬癣
癮瘾 癱瘫 皰疱 睞睐 瞼睑 矇蒙 礪砺 祕秘 禦御 稈秆 稜棱 穎颖 窪洼 窺窥 竅窍 竇窦 筧笕 箏筝 簀箦 簍篓 簫箫 簷檐 籌筹 籟籁
糝糁 紇纥 紈纨 紉纫 紕纰 紗纱 紜纭 紺绀 絀绌 絃弦 絎绗 絨绒 絢绚 綁绑 綏绥 綑捆 綢绸 綬绶 綴缀 緝缉 緞缎 締缔 緬缅 緹缇
縊缢 縐绉 縝缜 縷缕 繃绷 繅缫 繹绎 繽缤 纓缨 罌罂 羥羟 翽翙 耬耧 聵聩 脛胫 脩修 膃腽 膿脓 臍脐 艫舻 芻刍 莢荚 莧苋 萇苌
萵莴 蒔莳 蓯苁 蓴莼 蔞蒌 蔦茑 蔭荫 蕁荨 蕆蒇 蕎荞 蕕莸 蕘荛 蕢蒉 蕪芜 薈荟 薊蓟 薌芗 薔蔷 薟莶 薩萨 藎荩 藪薮 藶苈 藹蔼
藺蔺 蘄蕲 蘊蕴 蘚藓 虯虬 虧亏 蛺蛱 蜆蚬 蝟猬 螄蛳 螢萤 蟄蛰 蟈蝈 蟯蛲 蠍蝎 蠐蛴 蠑蝾 衊蔑 袞衮 褳裢 襝裣 襠裆 襤褴 襲袭
覈核 覡觋 覦觎 覬觊 覲觐 覷觑 觴觞 訌讧 訐讦 訕讪 訢䜣 訥讷 詆诋 詎讵 詒诒 詔诏 詘诎 詬诟 詭诡 詰诘 詼诙 誅诛 誆诓 誣诬
誚诮 誡诫 誨诲 諂谄 諄谆 諉诿 諍诤 諏诹 諑诼 諛谀 諜谍 諞谝 諢诨 諤谔 諫谏 諭谕 諱讳 諳谙 諶谌 諼谖 謅诌 謐谧 謔谑 謖谡
謗谤 謚谥 謫谪 謳讴 謾谩 譁哗 譎谲 譖谮 譙谯 譚谭 譫谵 讎雠 讕谰 讖谶 讜谠 貽贻 賁贲 賂赂 賅赅 賈贾 賒赊 賕赇 賙赒 賚赉
賡赓 賧赕 賻赙 贄贽 贅赘 贐赆 贗赝 贛赣 趲趱 蹕跸 蹣蹒 蹺跷 躉趸 躊踌 躋跻 躑踯 躒跞 躓踬 躕蹰 躚跹 躥蹿 躦躜 躪躏 軔轫
軛轭 軫轸 軺轺 軾轼 輅辂 輇辁 輊轾 輒辄 輓挽 輞辋 輟辍 輥辊 輦辇 輳辏 轂毂 轅辕 轆辘 轍辙 轎轿 轔辚 轡辔 遊游 遼辽 邐逦
鄆郓 鄖郧 鄔邬 鄲郸 鄴邺 鄶郐 鄺邝 酈郦 醖酝 醣糖 釁衅 釃酾 釅酽 釷钍 釹钕 鈀钯 鈁钫 鈄钭 鈈钚 鈐钤 鈑钣 鈥钬 鈦钛 鈧钪
鈮铌 鈰铈 鈷钴 鈸钹 鈹铍 鈺钰 鈽钸 鈾铀 鉍铋 鉑铂 鉗钳 鉚铆 鉞钺 鉭钽 鉸铰 鉻铬 銃铳 銠铑 銥铱 銦铟 銨铵 銪铕 銫铯 銬铐
銻锑 鋃锒 鋇钡 鋌铤 鋏铗 鋝锊 鋨锇 鋯锆 鋰锂 鋶锍 錁锞 錆锖 錈锩 錐锥 錙锱 錚铮 錟锬 錠锭 錡锜 錮锢 鍔锷 鍘铡 鍥锲 鍩锘
鍰锾 鍶锶 鎊镑 鎘镉 鎦镏 鎧铠 鎬镐 鎰镒 鎳镍 鎵镓 鏃镞 鏌镆 鏍镙 鏑镝 鏗铿 鏘锵 鏜镗 鏝镘 鏞镛 鏤镂 鏵铧 鏷镤 鏹镪 鐃铙
鐋铴 鐐镣 鐒铹 鐓镦 鐙镫 鐠镨 鐧锏 鐨镄 鐫镌 鐲镯 鐳镭 鐸铎 鐿镱 鑊镬 鑌镔 鑠铄 鑣镳 鑥镥 鑭镧 鑲镶 鑷镊 鑹镩 鑿凿 強强
業业 納纳 喫吃 倆俩 誒诶 橫横 澱淀 唄呗 嘍喽 亞亚 階阶 勻匀 徵征 丟丢 側侧 亂乱 劉刘 淨净 橢椭 冊册 戶户 冪幂 漸渐 訣诀
潤润 濁浊 渾浑 擋挡 餾馏 傑杰 奧奥 帥帅 湊凑 倫伦 槓杠 吶呐 賞赏 繆缪 烴烃 牀床 棄弃 澇涝 掙挣 鵬鹏 糉粽 噠哒 塗涂 驕骄
倉仓 闢辟 嚇吓 凱凯 噴喷 饋馈 廁厕 瑤瑶 涼凉 茲兹 侖仑 勸劝 撿捡 囉啰 擰拧 滷卤 嚕噜 摳抠 俠侠 馮冯 塵尘 櫻樱 擱搁 閆闫
瀏浏 劍剑 慘惨 嘮唠 剎刹 馳驰 傘伞 妝妆 呂吕 嶽岳 潑泼 僞伪 偽伪 搗捣 燙烫 獄狱 儲储 閔闵 棗枣 撫抚 彥彦 葦苇 違违 籲吁
嶼屿 撐撑 疇畴 熒荧 喬乔 樸朴 樺桦 瑪玛 淵渊 禪禅 欖榄 剝剥 嘰叽 廈厦 嘯啸 撈捞 穌稣 燻熏 謬谬 棟栋 擲掷 兌兑 爍烁 悽凄
檻槛 綸纶 愜惬 瀆渎 絆绊 竈灶 濺溅 嘜唛 僑侨 滸浒 殯殡 嬰婴 悵怅 撓挠 濰潍 懟怼 兇凶 癲癫 樞枢 憫悯 釗钊 綻绽 凜凛 梔栀
漿浆 馱驮 餡馅 墮堕 馴驯 蔣蒋 滯滞 飆飙 灝灏 煒炜 婁娄 錫锡 瓏珑 侶侣 嬋婵 鄧邓 嶇岖 尷尴
"""

#: Traditional character -> Simplified character (about 1,600 entries).
TRAD_TO_SIMP: dict[str, str] = {p[0]: p[1] for p in _PAIRS.split()}
_T2S_TABLE = str.maketrans(TRAD_TO_SIMP)


def _encodable(ch: str, codec: str) -> bool:
    try:
        ch.encode(codec)
    except UnicodeEncodeError:
        return False
    return True


# Evidence sets. A traditional form that GB2312 cannot encode is never written in Simplified text
# (乾, 著, 覆 … are excluded because mainland text uses them too); a simplified form that Big5 cannot
# encode is never written in Traditional text (干, 后, 里, 只 … are excluded because they are also
# ordinary traditional characters).
_TRAD_ONLY = frozenset(t for t in TRAD_TO_SIMP if not _encodable(t, "gb2312")) | frozenset("後於")
# Simplified forms that Big5 can encode (as rare traditional characters) but that traditional text
# practically never uses: 於 and 萬 are written there, not 于 and 万.
_SIMP_HINTS = "万与么于价优体儿厂听吨圣坏复宁岭惊愿机极构气洁离种确胜网苹触赶适后几"
_SIMP_ONLY = frozenset(
    s for s in set(TRAD_TO_SIMP.values()) if not _encodable(s, "big5")
) | frozenset(_SIMP_HINTS)
_TRAD_RE = re.compile("[" + "".join(sorted(_TRAD_ONLY)) + "]")
_SIMP_RE = re.compile("[" + "".join(sorted(_SIMP_ONLY)) + "]")
_NON_CJK_RE = re.compile("[^\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+")

#: Characters found in written Cantonese and (practically) never in written Standard Chinese.
CANTONESE_CHARS = frozenset(
    "嘅咗唔啲喺嚟佢冇哋嗰噉乜咩啱嘢㗎喎囉睇諗谂搵揾攞畀咁瞓嗌嘥冚啫噃吖嗱嚿揸冧攰餸啩叻俾"
)
#: Cantonese words (Traditional and Simplified spellings) made of characters that Standard Chinese
#: also uses; words containing a ``CANTONESE_CHARS`` character need not be listed.
CANTONESE_WORDS = (
    "點解",
    "点解",
    "點樣",
    "点样",
    "係咪",
    "系咪",
    "而家",
    "琴日",
    "聽日",
    "听日",
    "邊個",
    "边个",
    "邊度",
    "边度",
    "幾多",
    "几多",
    "仲有",
    "仲係",
    "仲系",
)
_CANTONESE_CHARS_RE = re.compile("[" + "".join(sorted(CANTONESE_CHARS)) + "]")
# 係 is Cantonese "is" except in 關係/聯係/維係 (Traditional "relation" words). The look-ahead on the
# words' first characters lets the search skip most positions quickly.
_CANTONESE_WORDS_RE = re.compile(
    "(?=["
    + "".join(sorted({w[0] for w in CANTONESE_WORDS} | {"係"}))
    + "])(?:"
    + "|".join(CANTONESE_WORDS)
    + r"|(?<![關联聯維维])係(?!數|统|統))"
)

_LATIN_WORD_RE = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")


def is_cjk(ch: str) -> bool:
    """True for a Han character (CJK Unified Ideographs, extensions A-F, compatibility)."""
    o = ord(ch)
    return (
        0x4E00 <= o <= 0x9FFF
        or 0x3400 <= o <= 0x4DBF
        or 0xF900 <= o <= 0xFAFF
        or 0x20000 <= o <= 0x3134F
    )


_SHORT_WORDS = frozenset(
    [
        "so",
        "is",
        "it",
        "in",
        "on",
        "at",
        "to",
        "of",
        "no",
        "we",
        "me",
        "my",
        "up",
        "go",
        "do",
        "be",
        "an",
        "or",
        "if",
        "us",
        "he",
        "by",
        "am",
    ]
)


def _is_english_word(w: str) -> bool:
    # Letters used as names of points, variables, units or acronyms are not code-mixing.
    if len(w) < 3:
        return w.lower() in _SHORT_WORDS
    return not (w.isupper() and len(w) <= 4)


def detect_language(text: str) -> str:
    """Return ``en``, ``yue``, ``zh-Hant``, ``zh-Hans`` or ``mixed`` for one utterance."""
    if not text:
        return "en"
    cjk = len(_NON_CJK_RE.sub("", text))
    if cjk == 0:
        return "en"
    words = [w for w in _LATIN_WORD_RE.findall(text) if _is_english_word(w)]
    if words:
        letters = sum(len(w) for w in words)
        if cjk < 2:
            return "en"
        if len(words) >= 2 or letters / (letters + cjk) >= 0.2:
            return "mixed"
    if _CANTONESE_CHARS_RE.search(text) or _CANTONESE_WORDS_RE.search(text):
        return "yue"
    if len(_SIMP_RE.findall(text)) > len(_TRAD_RE.findall(text)):
        return "zh-Hans"
    return "zh-Hant"


# A few frequent words whose Traditional (Hong Kong / Taiwan) and Simplified spellings differ by more
# than a character-for-character mapping.
_WORD_T2S = {
    "甚麼": "什么",
    "什麼": "什么",
    "為甚麼": "为什么",
    "為何": "为何",
    "裏面": "里面",
    "著名": "著名",
    "顯著": "显著",
}
_WORD_T2S_RE = re.compile("|".join(sorted(_WORD_T2S, key=len, reverse=True)))


def to_simplified(text: str) -> str:
    """Map Traditional characters (and a few words) to Simplified; other characters pass through."""
    if "甚" in text or "麼" in text or "著" in text or "裏" in text or "為" in text:
        text = _WORD_T2S_RE.sub(lambda m: _WORD_T2S[m.group(0)], text)
    text = text.translate(_T2S_TABLE)
    if "著" in text:
        # 著 is the Traditional spelling of the aspect particle 着 (看著, 跟著), kept in 著名/显著.
        text = re.sub(r"著(?!名|作|称|稱)", "着", text)
    return text
