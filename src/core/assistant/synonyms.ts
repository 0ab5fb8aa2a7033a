/**
 * How owners say things versus how the documents say them (问一问, #19). Plain data: each entry is
 * a canonical term and the words (colloquial, dialect, common typos) that mean it. tokenize() adds
 * the canonical term wherever one of its words appears, in questions and passages alike, so
 * "借钱" finds "贷款" and "码上贷", and "年度报告" finds "年报". Entries only ever add a term,
 * never remove one. Review with the content files: a wrong entry makes a wrong answer look right.
 */
export interface Synonym {
  /** the term the passages use (several, space-separated, where the passages say it several ways) */
  term: string
  /** words owners type for it */
  words: string[]
  /** longer words that contain one of `words` but mean something else ("手续费" is not a 手续) */
  except?: string[]
}

export const SYNONYMS: Synonym[] = [
  { term: '贷款 融资 信用贷款', words: ['借钱', '借款', '借点钱', '贷钱', '贷个款', '码上贷', '融资', '缺钱', '周转', '信贷', '贷欵', '代款', '带款', '授信', '信用贷'] },
  { term: '年报', words: ['年度报告', '年检', '年审', '年保', '年度报表', '报年报', '公示系统'] },
  { term: '健康证', words: ['健康证明', '健康检查', '体检证', '体检', '建康证', '健康正'] },
  { term: '乱收费', words: ['卫生费', '多收费', '违规收费', '乱收', '多收', '收费不合理', '乱要钱', '管理费', '乱摊派', '收钱'] },
  { term: '诉求', words: ['投诉', '反映', '举报', '告状', '申诉', '12315', '12345', '维权'] },
  { term: '退役军人', words: ['退伍', '当过兵', '当兵', '退役', '老兵', '复员'] },
  { term: '营业执照', words: ['执照', '牌照', '营业只照', '营业执招', '照子'] },
  { term: '补贴', words: ['补助', '给钱', '奖励', '资助', '扶持资金', '补钱', '钱补'] },
  { term: '社保', words: ['社会保险', '养老保险', '交保险', '五险', '医保', '社保费'] },
  { term: '招工 招聘 用工', words: ['招不到人', '招人难', '招人', '雇人', '请人', '找工人', '用工', '缺人手', '招聘', '找帮工'] },
  { term: '税费', words: ['交税', '纳税', '税收', '减税', '免税', '税务', '报税'] },
  { term: '增值税', words: ['增殖税', '增值说'] },
  { term: '发票', words: ['开票', '开发票', '发漂'] },
  { term: '虚开发票', words: ['帮他开', '帮别人开', '代开', '买发票', '假发票'] },
  { term: '食品摊贩 小餐饮 小作坊', words: ['小吃摊', '摊贩', '小摊', '路边摊', '早餐摊'] },
  { term: '道路货运 货运车辆', words: ['货车', '跑运输', '拉货', '跑货运', '大货车'] },
  { term: '高速公路通行费', words: ['走高速', '过路费', '高速费'] },
  { term: '食品安全 赔偿', words: ['吃坏肚子', '食物中毒', '吃出问题', '吃坏了', '拉肚子'] },
  { term: '退货', words: ['能退', '要退', '给退', '退吗', '退不', '退钱', '退掉', '退款', '退换', '七天无理由', '7天无理由'] },
  { term: '7日内', words: ['七天', '7天', '一周内'] },
  { term: '摄像头 公共安全', words: ['监控', '探头', '装摄像'] },
  { term: '轻微违法 减罚免罚 两轻一免 包容审慎', words: ['第一次犯错', '初次违法', '首次违法', '犯错', '不罚', '首违不罚', '从轻处罚'] },
  { term: '药品经营许可证', words: ['药店', '药房', '卖药'] },
  { term: '消防', words: ['着火', '防火', '灭火器', '火灾', '失火', '消防通道'] },
  { term: '充电', words: ['电瓶车', '电动车', '电动自行车'] },
  { term: '技能培训', words: ['培训', '学技术', '学手艺', '考证书', '技能'] },
  { term: '高校毕业生', words: ['大学生', '毕业生', '刚毕业', '大学毕业'] },
  { term: '经营场所', words: ['摊位', '铺面', '门面', '店面', '场地', '房租', '租金', '店铺'] },
  { term: '个转企', words: ['转公司', '变成公司', '升级成企业', '转成企业', '转企业', '开公司'] },
  { term: '经营异常', words: ['异常名录', '黑名单', '被拉黑', '异常状态', '经营异常名录', '列入'] },
  { term: '信用修复', words: ['修复信用', '移出异常', '恢复信用', '移出名录', '移出来', '弄出来', '撤出来'] },
  { term: '处罚', words: ['罚款', '罚钱', '被罚', '罚单', '罚了'] },
  { term: '注销', words: ['不干了', '不做了', '关门', '关店', '停业'] },
  { term: '歇业', words: ['暂停营业', '先关一阵', '关一阵子', '停一段时间'] },
  { term: '明码标价', words: ['标价', '价签', '价格牌', '价目表'] },
  { term: '用电', words: ['接电', '拉电', '电力接入', '通电', '装电表'] },
  { term: '住房公积金', words: ['公积金'] },
  { term: '网上经营 网店', words: ['网店', '开网店', '直播带货', '直播', '带货', '线上卖', '网上卖', '电商', '外卖平台'] },
  { term: '法律服务', words: ['律师', '打官司', '法律援助', '法律咨询', '合同纠纷'] },
  { term: '食品经营许可证', words: ['食品许可证', '食品经营许可', '食品证', '餐饮许可证', '餐饮证'] },
  { term: '许可证', words: ['许可', '证件到期', '换证', '续证'] },
  { term: '劳动合同', words: ['用工合同', '签合同'] },
  { term: '个人信息', words: ['隐私', '顾客信息', '手机号'] },
  { term: '开业第一课', words: ['第一课', '入市课', '开业培训', '新手课'] },
  { term: '名特优新', words: ['名优', '老字号', '特色小店', '知名'] },
  { term: '创业', words: ['开店', '刚开', '新开', '开个店', '想开'] },
  { term: '烟草专卖零售许可证', words: ['烟草证', '卖烟', '烟证', '香烟'] },
  { term: '进货查验', words: ['进货', '索票', '台账'] },
  { term: '支付手续费', words: ['手续费', '刷卡费', '收款码费'] },
  { term: '政府采购', words: ['政府买东西', '采购'] },
  // procedure words: what owners call the licences and registrations a business needs
  { term: '许可证 登记', words: ['手续', '办证', '办照', '证照', '啥证', '什么证', '哪些证'], except: ['手续费'] },
  // the trades owners name, for the documents' 食品经营 (小吃店 stays out: it pulled the 小餐饮 permit above the veteran loans)
  { term: '食品经营', words: ['早餐', '早点', '饭店', '饭馆', '餐馆', '快餐', '卖吃的', '熟食', '卤味', '奶茶', '烧烤', '饮品店'] },
  { term: '变更经营者', words: ['换老板', '换人', '换经营者', '换法人', '换个老板'] },
  { term: '经营者', words: ['老板', '店主', '摊主'] },
  { term: '摊位', words: ['摆摊', '出摊', '地摊', '外摆'] },
  { term: '返乡 入乡', words: ['回老家', '回乡', '回农村', '回村', '老家'] },
  { term: '执法', words: ['城管', '执法队', '综合执法'] },
  { term: '占用 堵塞', words: ['堆货', '堆东西', '挡了', '挡住', '堵了', '堵住', '占了'] },
  { term: '低成本 平价', words: ['便宜', '实惠', '省钱', '少花钱'] },
  { term: '扶持 优惠 支持', words: ['好处', '帮扶', '照顾', '福利'] },
  { term: '额度', words: ['贷多少', '借多少', '贷款金额', '能批多少'] },
  { term: '逾期未报', words: ['不报', '没报', '忘了报', '忘报', '漏报', '没按时报', '没有按时年报'] },
  // the colloquial lexicon (#19, round 3): how owners name the people, trades, money, actions and
  // places the documents name otherwise. Words only, never a question; each entry is one concept.
  // people
  { term: '顾客', words: ['客人', '消费者', '客户', '买家', '食客', '买东西的人', '来吃饭的'] },
  { term: '雇工 员工', words: ['伙计', '帮工', '小工', '雇的人', '请的人', '店员', '服务员', '打工的', '雇员', '学徒', '工人'] },
  // trades: the small food businesses owners run, for the documents' 餐饮 and 食品 (食品经营 above is the permit)
  { term: '餐饮 食品', words: ['面馆', '凉皮', '烧烤', '早餐', '早点', '奶茶', '小吃', '米粉', '粉店', '包子', '馒头', '麻辣烫', '火锅', '夜宵', '卤菜', '盒饭', '炸鸡', '煎饼', '豆腐'] },
  // money
  { term: '赔偿', words: ['赔', '赔钱', '赔付', '索赔'] },
  { term: '减免 减征 免征', words: ['少交', '少收', '少点', '便宜点', '减点', '免交', '不用交'] },
  // actions
  { term: '变更', words: ['改', '更改', '换', '搬'], except: ['换证', '换发', '一换', '换一次', '换新', '退换', '换货', '更换', '换老板', '换人', '改革', '改造', '改善', '整改', '改正'] },
  { term: '拖欠', words: ['拖', '欠钱', '欠工资', '欠薪', '压工资', '晚发', '不发'], except: ['拖车', '拖拉机', '拖鞋', '拖地'] },
  { term: '投诉 维权', words: ['说理', '讲理', '评理', '讨说法', '讨个说法', '要说法', '告他', '告它'] },
  { term: '无理由退货', words: ['不喜欢', '不想要', '不合适', '不满意', '无需说明理由', '不用说明理由', '七天无理由', '7天无理由'] },
  // round 4 (fresh2.json, tuned on from here): prices, names, papers and credit as owners say them
  { term: '价格', words: ['价钱', '价码', '售价', '卖价'] },
  { term: '涨价', words: ['调高', '提价', '抬价', '涨了价', '价格调高'] },
  { term: '打折 折扣', words: ['八折', '九折', '七折', '五折', '打个折', '优惠价'] },
  { term: '字号 名称', words: ['店名', '招牌名', '商号', '店的名字', '原来的名字'] },
  { term: '户籍', words: ['户口', '户口本'] },
  // owners pledge a patent "抵押"; the documents say 知识产权质押
  { term: '质押', words: ['抵押'] },
  // 征信 is the bank's credit record: no passage speaks of it (信用修复 is the 经营异常 list's), so it stays one word, not 征 + 信
  { term: '征信', words: ['征信记录', '征信报告', '上征信'] },
  // places
  { term: '地区 区县', words: ['县', '镇', '隔壁', '外地', '外省', '别的区', '区里', '市里', '异地'], except: ['城镇', '乡镇企业'] }
]
