package io.refinery.workflows.samples;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.text.Normalizer;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Generates the shipped customer-service text-classification sample in
 * {@code workflows/src/main/resources/samples/customer-service/}: messages of a combined power and
 * telecom provider (Chinese and English, five intents) with an exactly known number of duplicates,
 * personal data, decoys, sensitive terms and broken rows. The numbers are written to
 * {@code expected.json} and {@code README.md} so collectors, processors and QC gates can be tested
 * against them.
 *
 * <p>JDK only, deterministic (fixed seed, no clock, no hash ordering), so it can be run with the
 * single-file source launcher from the repository root:
 * <pre>java workflows/src/test/java/io/refinery/workflows/samples/SampleGenerator.java \
 *      workflows/src/main/resources/samples/customer-service</pre>
 * The source contains Chinese literals: on a JDK 17 whose default charset is not UTF-8 add
 * {@code -Dfile.encoding=UTF-8}. {@code SampleCompositionTest} fails when the shipped files and
 * this generator drift apart.
 */
public class SampleGenerator {

    public static final long SEED = 20260301L;
    public static final String DEFAULT_OUT = "workflows/src/main/resources/samples/customer-service";
    /** Every file the generator writes, in writing order. */
    public static final List<String> FILES = List.of(
            "messages.jsonl", "answers.csv", "messages-small.csv", "answers-small.csv",
            "sensitive-terms.txt", "expected.json", "README.md");
    public static final List<String> INTENTS = List.of("billing", "outage", "installation", "complaint", "account");
    public static final int MAX_LINE_BYTES = 65_536;
    public static final int MAX_TEXT_CHARS = 2_000;

    // ---------------------------------------------------------------- plan (asserted after generation)
    static final int GOOD_ROWS = 1950;
    static final int DUP_EXACT = 60;
    static final int DUP_NORMALIZED = 40;
    static final int PII_EMAIL_ONLY = 32, PII_PHONE_ONLY = 52, PII_EMAIL_AND_PHONE = 8, PII_ID = 30, PII_CARD = 25;
    static final int DECOY_ID = 15, DECOY_CARD = 15, DECOY_ORDER = 25;
    static final int SENSITIVE = 24;
    static final int ASCII_ESCAPED = 30;
    /** Plain rows (no PII, decoy or sensitive term) per intent, in {@link #INTENTS} order. */
    static final int[] NORMAL_QUOTA = {500, 400, 174, 300, 250};
    static final int BLANK_LINES = 2;
    /** Broken-row reasons in the order a collector applies its checks, with their counts. */
    static final String[] BROKEN_REASONS = {
            "line_too_long", "invalid_utf8", "invalid_json", "not_an_object",
            "missing_id", "missing_text", "blank_text", "text_too_long"};
    static final int[] BROKEN_COUNTS = {1, 8, 12, 4, 6, 7, 6, 4};
    static final int[] TOO_LONG_LENGTHS = {2001, 2600, 3500, 5000};
    static final int LINE_TOO_LONG_CHARS = 23_000;
    static final int CSV_DATA_ROWS = 50;
    static final int[] CSV_QUOTA = {14, 11, 6, 9, 7};

    public static final List<String> SENSITIVE_TERMS = List.of(
            "刷单", "赌博", "伪基站", "套现", "黑卡", "洗钱",
            "online gambling", "fraud scheme", "money laundering", "fake base station", "SIM box", "phishing link");

    // ---------------------------------------------------------------- templates: {intent, lang} -> texts
    static final String[][] BILLING_ZH = {{
            "这个月电费怎么{amt}元？比上个月高了一倍多，家里也没多用电啊",
            "{mon}的话费账单里有一笔{amt}元的增值业务费，我从来没订过，麻烦查一下",
            "宽带费已经交了，为什么还提示欠费{amt}元？",
            "自动扣款失败了，账户显示欠费，能不能帮我重新扣一次",
            "同一笔电费被扣了两次，一共{amt}元，请尽快退回多扣的部分",
            "请问{mon}的电子发票在哪里下载？公司报销要用",
            "预存的{amt}元话费怎么还没到账？",
            "阶梯电价是怎么算的？我家{mon}用了{kwh}度电，账单是{amt}元",
            "套餐外流量费收了{amt}元，可我一直开着流量提醒，没收到任何短信",
            "想把缴费方式改成银行代扣，需要准备什么资料？",
            "退订业务后还在扣月租，已经连续{n}个月了",
            "账单上的违约金{amt}元是怎么回事？我是按时缴费的",
            "电费可以分期缴纳吗？这个月实在太多了",
            "为什么电表读数和账单上的不一致？差了{kwh}度",
            "用微信交了{amt}元电费，显示成功但户号余额没变",
            "营业厅说可以退的话费余额{amt}元，什么时候能退到原账户",
            "能不能把{mon}的账单明细发给我？",
            "国际漫游费收了{amt}元，我出国前明明开通了漫游包",
            "我是新用户，第一个月的月租为什么是全价？不是说首月半价吗",
            "发票抬头开错了，需要重开一张{mon}的电费发票",
            "预付费电表余额不足的提醒太晚了，能不能提前三天通知",
            "家庭融合套餐的副卡怎么单独收了{amt}元？",
            "查一下户号{acct}目前还欠多少电费",
            "APP提示“支付失败”，但是钱已经扣了{amt}元",
    }};
    static final String[][] BILLING_EN = {{
            "My electricity bill for {mon} is ¥{amt}, almost double the month before. Can you check the meter reading?",
            "I was charged twice for the same payment of ¥{amt}. Please refund the duplicate.",
            "Auto-pay failed again and now my account shows overdue. Why?",
            "There is a ¥{amt} value-added service fee on my bill that I never subscribed to.",
            "Where can I download the e-invoice for {mon}? I need it for reimbursement.",
            "I topped up ¥{amt} yesterday but the balance still hasn't changed.",
            "How is the tiered electricity price calculated? I used {kwh} kWh and paid ¥{amt}.",
            "Why am I paying a late fee of ¥{amt}? I paid on time.",
            "Can I switch my payment method to direct debit from my bank account?",
            "I cancelled the add-on but I'm still being billed for it, {n} months in a row.",
            "Roaming charges of ¥{amt} appeared even though I bought a roaming pack before the trip.",
            "Could you send me an itemized bill for {mon}?",
            "The meter reading on my bill doesn't match my meter, it's off by {kwh} kWh.",
            "Is it possible to pay this month's bill in installments?",
            "My prepaid meter ran out without any low-balance warning.",
            "The invoice title is wrong, please reissue the invoice for {mon}.",
            "Data overage of ¥{amt} this month, but I never got the usage alert SMS.",
            "When will the remaining balance of ¥{amt} be refunded after I closed my line?",
            "The first-month discount wasn't applied to my new broadband plan.",
            "Paid ¥{amt} through the app, it says success but the bill is still unpaid.",
            "Why did my monthly fee go up to ¥{amt} without any notice?",
            "Please check how much is still outstanding on account {acct}.",
            "The app says \"payment failed\" but ¥{amt} was deducted from my card.",
    }};
    static final String[][] OUTAGE_ZH = {{
            "{area}从{time}开始停电，到现在还没来电，什么时候能恢复？",
            "家里宽带断了{hrs}个小时了，光猫上的LOS灯一直红色闪烁",
            "{area}整栋楼都停电了，是计划检修还是故障？",
            "手机在{area}一点信号都没有，打不出电话也上不了网",
            "刚才打雷后家里跳闸了，邻居家也没电，麻烦派人看看",
            "宽带每天晚上{time}左右就掉线，白天正常",
            "电压不稳，灯一直闪，家里电器会不会被烧坏？",
            "{area}的电视信号中断了，所有频道都显示无信号",
            "停电通知说{day}恢复供电，现在已经超时{hrs}小时了",
            "小区外面的电线杆倒了，电线掉在地上，很危险，请尽快处理",
            "4G信号时有时无，网速特别慢，视频都打不开",
            "家里冰箱放着药品，已经停电{hrs}个小时了，能不能优先抢修",
            "固话没有拨号音，别人打进来也是忙音",
            "{area}的路灯全灭了，晚上出行很不安全",
            "请问今天{area}是不是有计划停电？没有收到通知",
            "宽带能连上WiFi但是打不开任何网页",
            "变压器那边有爆炸声，然后整片都停电了",
            "来电后又停了，一天反复{n}次，到底什么原因",
            "5G信号满格但是上不了网，重启手机也没用",
            "我们厂在{area}，突然停电影响生产，请告知恢复时间",
            "光纤好像被施工队挖断了，整个{area}都没网",
            "家里只有一半的插座没电，是线路问题还是你们那边的问题？",
    }};
    static final String[][] OUTAGE_EN = {{
            "Power has been out in {area} since {time}. Any estimate for restoration?",
            "My broadband has been down for {hrs} hours, the LOS light on the modem is blinking red.",
            "The whole building in {area} lost power. Is this planned maintenance?",
            "No mobile signal at all in {area}, I can't make calls or use data.",
            "After the thunderstorm the breaker tripped and my neighbours have no power either.",
            "Internet drops every evening around {time}, works fine during the day.",
            "The lights keep flickering, the voltage seems unstable. Will my appliances be damaged?",
            "TV service is down in {area}, every channel shows no signal.",
            "The notice said power would be back on {day}, it's now {hrs} hours overdue.",
            "A utility pole fell outside our compound and the line is on the ground. Dangerous!",
            "4G keeps cutting in and out, speeds are terrible.",
            "We keep medicine in the fridge and the power has been off for {hrs} hours, please prioritize us.",
            "My landline has no dial tone.",
            "All the street lights in {area} are out.",
            "Is there a planned outage in {area} today? I didn't get any notice.",
            "Wi-Fi connects but no websites load at all.",
            "Heard a bang from the transformer and then the whole block went dark.",
            "Power came back and went out again, {n} times today. What's going on?",
            "Full 5G bars but no data connection, restarting didn't help.",
            "Our factory in {area} lost power suddenly and production has stopped. When will it be restored?",
            "Looks like a construction crew cut the fiber, the whole of {area} is offline.",
            "Only half the sockets in my flat have power. Is the fault on your side?",
    }};
    static final String[][] INSTALLATION_ZH = {{
            "新房在{area}，想办理千兆宽带安装，最快什么时候能上门？",
            "预约了{day}上门装宽带，师傅到现在还没联系我",
            "想申请安装智能电表，需要什么手续？",
            "家里要装电动汽车充电桩，需要申请增容吗？",
            "光猫装好了但是师傅没帮忙设置路由器，能再来一趟吗",
            "新开的店铺在{area}，需要开通商业用电，怎么办理？",
            "IPTV机顶盒怎么安装？寄过来的设备没有说明书",
            "请问移机需要多长时间？我下个月搬到{area}",
            "装宽带需要在墙上打孔吗？房东不让打孔",
            "想把{dev}换成新款，需要额外收费吗",
            "预约的安装时间能改到周末吗？工作日家里没人",
            "我们小区还没覆盖光纤，什么时候能通？",
            "屋顶光伏并网需要提交哪些材料？",
            "装机师傅说要另外收{amt}元材料费，这个合理吗",
            "家里网线需要重新布，可以提供上门布线服务吗",
            "申请的临时用电什么时候能接通？工地{day}开工",
            "新装的{dev}指示灯不亮，是不是没装好",
            "想在{area}办一条{bw}兆的企业专线",
            "安装工单提交{days}天了还是显示待派单",
            "装修完了想加装一个弱电箱和两个网口，能做吗",
            "宽带安装完成后测速只有{bw}兆，和办理的不一样",
    }};
    static final String[][] INSTALLATION_EN = {{
            "Just moved to {area}, I'd like gigabit broadband installed. Earliest appointment?",
            "Booked an installation for {day} but the technician never showed up or called.",
            "How do I apply for a smart meter installation?",
            "I want to install an EV charger at home. Do I need a capacity upgrade?",
            "The technician installed the modem but didn't set up the router. Can someone come back?",
            "Opening a shop in {area}, how do I get a commercial electricity connection?",
            "How do I set up the IPTV set-top box? There was no manual in the package.",
            "How long does it take to move my broadband to a new address? Moving to {area} next month.",
            "Does the installation require drilling holes? My landlord won't allow it.",
            "Is there an extra fee to replace my old {dev} with the new model?",
            "Can I reschedule the installation to a weekend?",
            "When will fiber be available in our neighbourhood?",
            "What documents are needed to connect rooftop solar to the grid?",
            "The installer asked for an extra ¥{amt} for materials. Is that legitimate?",
            "Can you send someone to rewire the network cables in my apartment?",
            "When will the temporary power for our construction site be connected? Work starts {day}.",
            "The new {dev} shows no lights at all, was it installed correctly?",
            "We need a {bw} Mbps dedicated business line in {area}.",
            "My installation order was submitted {days} days ago and still says pending dispatch.",
            "Could you add two extra ethernet ports after our renovation?",
            "After installation the speed test only shows {bw} Mbps, not what I signed up for.",
    }};
    static final String[][] COMPLAINT_ZH = {{
            "{staff}态度太差了，问两句就不耐烦，直接挂我电话",
            "报修{days}天了一直没人处理，每次打电话都说在排队",
            "装维师傅迟到了{hrs}个小时，还把我家地板弄脏了",
            "热线打了{n}次都转不到人工，全是语音菜单",
            "营业厅排队等了一个多小时，只开了一个窗口",
            "未经同意就给我换了套餐，这是强制消费",
            "你们的停电通知总是来得太晚，根本来不及准备",
            "投诉了{n}次宽带问题，每次都说已解决，其实根本没修好",
            "推销电话一天打好几次，已经说了不需要还一直打",
            "师傅上门要求额外给钱才肯装，这合理吗？我要投诉",
            "上次的投诉单到现在没有任何回复，请给个说法",
            "APP一直闪退，交个电费都交不了，体验太差",
            "抄表员估抄电量，导致我这个月多交了{amt}元",
            "客服承诺{day}回电，结果没有任何人联系我",
            "工作人员在我家抽烟，太不专业了",
            "宣传的千兆宽带实际只有{bw}兆，属于虚假宣传",
            "同一个问题让我重复说了{n}遍，每转一次都要重新说",
            "停电抢修的人到了现场就走了，说不归他们管",
            "合约期还没到就被涨价了，我要求按原价执行",
            "对处理结果不满意，要求升级投诉",
            "{area}这一片经常停电，一个月停了{n}次，什么时候能彻底解决",
    }};
    static final String[][] COMPLAINT_EN = {{
            "{staff} was extremely rude and hung up on me.",
            "I reported the fault {days} days ago and nobody has come. Every call I'm told to wait.",
            "The technician was {hrs} hours late and left a mess in my living room.",
            "Called the hotline {n} times and never reached a human, just menus.",
            "Waited over an hour at the service center, only one counter was open.",
            "You changed my plan without my consent. This is unacceptable.",
            "Your outage notices always arrive too late to be useful.",
            "I've complained {n} times about my broadband, each time it's marked resolved but it isn't.",
            "Your sales team keeps calling me several times a day even after I said no.",
            "The installer wanted cash on the side before doing the job. I want to file a complaint.",
            "My last complaint got no response at all. I want an answer.",
            "The app keeps crashing and I can't even pay my bill. Terrible experience.",
            "The meter reader estimated my usage and I overpaid ¥{amt} this month.",
            "The agent promised a callback on {day}, nobody called.",
            "The technician smoked inside my home. Very unprofessional.",
            "Advertised gigabit, I get {bw} Mbps. That's false advertising.",
            "I had to repeat the same problem {n} times, every transfer starts from zero.",
            "The repair crew showed up and left, saying it's not their responsibility.",
            "You raised my price before the contract ended. I expect the original rate.",
            "Not satisfied with the resolution, please escalate my complaint.",
            "{area} has had {n} outages this month. When will this be fixed for good?",
    }};
    static final String[][] ACCOUNT_ZH = {{
            "APP登录密码忘了，短信验证码一直收不到",
            "房子卖了，电费户名要过户给新房主，需要带什么材料？",
            "想注销名下的一张副卡",
            "帮我把套餐改成{plan}，下个月生效",
            "账户地址要从{area}改到新地址",
            "手机号实名认证没通过，提示信息不一致",
            "怎么把户号{acct}绑定到微信上？",
            "我的账户被锁定了，说是密码错误次数太多",
            "想查一下名下一共有几个宽带账户",
            "老人不会用手机，能不能把她的户号绑到我的账户下代缴",
            "更换联系人后原来的手机号还能收到通知吗",
            "申请停机保号，要出差{n}个月",
            "携号转网需要满足什么条件？",
            "积分快过期了，能兑换话费吗",
            "公司账户需要增加一个授权经办人",
            "想把纸质账单改成电子账单",
            "从{plan}降档要不要付违约金？",
            "租户搬走了，想把户号的联系人改回我自己",
            "如何开通账户的短信提醒功能",
            "之前注册的APP账号换了手机号，怎么找回",
            "我的会员等级怎么降了？",
            "想给家人办一张副卡加入{plan}",
    }};
    static final String[][] ACCOUNT_EN = {{
            "Forgot my app password and the SMS verification code never arrives.",
            "I sold my house, how do I transfer the electricity account to the new owner?",
            "I'd like to cancel one of the secondary SIM cards on my account.",
            "Please switch me to {plan} starting next month.",
            "Need to change my service address from {area} to my new place.",
            "Real-name verification for my number failed, it says the details don't match.",
            "How do I link account {acct} to the app?",
            "My account got locked after too many wrong password attempts.",
            "How many broadband accounts are registered under my name?",
            "Can I add my mother's account under mine so I can pay for her?",
            "If I change the contact person, will the old number still get notifications?",
            "I'd like to suspend my line for {n} months while I'm abroad but keep the number.",
            "What are the requirements for porting my number to another carrier?",
            "My reward points are about to expire, can I use them for credit?",
            "We need to add an authorized person to our company account.",
            "Please switch me from paper bills to e-bills.",
            "Is there a penalty for downgrading from {plan}?",
            "My tenant moved out, please change the contact on the account back to me.",
            "How do I turn on SMS alerts for my account?",
            "I changed my phone number, how do I recover my app login?",
            "Why was my membership tier downgraded?",
            "I want to add a family member to {plan} with an extra SIM.",
    }};

    /** Templates with personal data or decoys: {intent, lang, template}. */
    static final String[][] EMAIL_T = {
            {"account", "zh", "请把账户绑定的邮箱改成{email}"},
            {"billing", "zh", "{mon}的电子发票请发到{email}"},
            {"complaint", "zh", "投诉处理结果请回复到我的邮箱{email}"},
            {"installation", "zh", "安装预约确认单发到{email}就行"},
            {"outage", "zh", "{area}停电的进展请发邮件到{email}通知我"},
            {"billing", "en", "Please send the e-invoice for {mon} to {email}."},
            {"account", "en", "Update the email on my account to {email} please."},
            {"complaint", "en", "Reply to my complaint at {email}, I can't take calls at work."},
            {"installation", "en", "Send the installation confirmation to {email}."},
            {"outage", "en", "Please email outage updates for {area} to {email}."},
    };
    static final String[][] PHONE_T = {
            {"outage", "zh", "{area}停电了，抢修师傅到了请打我电话{phone}"},
            {"installation", "zh", "装宽带的师傅上门前请先打{phone}联系我"},
            {"account", "zh", "联系电话换了，新号码是{phone}"},
            {"complaint", "zh", "回访请打{phone}，别打原来那个号码了"},
            {"billing", "zh", "欠费提醒短信请发到{phone}这个号码"},
            {"outage", "en", "Power is out at my place in {area}, the crew can call me on {phone}."},
            {"installation", "en", "Technician, please call {phone} before coming."},
            {"account", "en", "My new contact number is {phone}."},
            {"complaint", "en", "Call me back on {phone}, nobody has followed up."},
            {"billing", "en", "Send the payment reminders to {phone} instead."},
    };
    static final String[][] EMAIL_PHONE_T = {
            {"account", "zh", "联系方式更新一下：手机{phone}，邮箱{email}"},
            {"installation", "zh", "上门前请联系{phone}，或者发邮件到{email}"},
            {"account", "en", "Update my contacts: phone {phone}, email {email}."},
            {"complaint", "en", "Reach me at {phone} or {email} about my complaint."},
    };
    static final String[][] ID_T = {
            {"account", "zh", "实名认证一直失败，身份证号是{id}，帮我看看哪里不对"},
            {"account", "zh", "过户需要新户主的身份证吗？新户主身份证号{id}"},
            {"installation", "zh", "预约宽带安装，身份证号{id}，地址在{area}"},
            {"billing", "zh", "开增值税发票要身份证号的话是{id}"},
            {"account", "en", "Real-name check keeps failing, my ID number is {id}."},
            {"account", "en", "For the account transfer, the new owner's ID number is {id}."},
            {"installation", "en", "Booking a fiber install in {area}, my ID card number is {id}."},
    };
    static final String[][] CARD_T = {
            {"billing", "zh", "绑定的扣款银行卡是{card}，为什么扣款失败了"},
            {"billing", "zh", "多扣的{amt}元请退到银行卡{card}"},
            {"account", "zh", "代扣银行卡换成{card}，下个月开始用这张"},
            {"billing", "en", "Please refund the ¥{amt} to my bank card {card}."},
            {"billing", "en", "Direct debit from card {card} keeps failing."},
            {"account", "en", "Change my auto-pay card to {card} from next month."},
    };
    static final String[][] DECOY_ID_T = {
            {"installation", "zh", "报装编号{badid}的工单还没有派单"},
            {"account", "zh", "合同编号{badid}，想确认一下合同到期时间"},
            {"installation", "en", "Installation request no. {badid} is still not scheduled."},
            {"account", "en", "Contract number {badid}, when does it expire?"},
    };
    static final String[][] DECOY_CARD_T = {
            {"billing", "zh", "电表表号{badcard}，这个月读数明显不对"},
            {"outage", "zh", "表号{badcard}的电表显示跳闸，家里没电"},
            {"billing", "en", "Meter number {badcard} shows a reading far above my usage."},
            {"outage", "en", "Prepaid meter {badcard} cut the power even though I topped up."},
    };
    static final String[][] DECOY_ORDER_T = {
            {"billing", "zh", "订单号{order}的充值还没到账"},
            {"installation", "zh", "宽带订单{order}显示已受理，什么时候上门"},
            {"account", "zh", "订单{order}办的副卡还没激活"},
            {"complaint", "zh", "订单{order}被无故取消了，也没人通知我"},
            {"billing", "en", "Order {order} still shows the top-up as processing."},
            {"installation", "en", "My broadband order {order} says accepted, when will someone come?"},
            {"complaint", "en", "Order {order} was cancelled without telling me."},
    };
    /** Each template contains exactly one term of {@link #SENSITIVE_TERMS}, exactly once. */
    static final String[][] SENSITIVE_T = {
            {"complaint", "zh", "接到冒充客服的电话，让我参与刷单返话费，这是你们的活动吗？"},
            {"complaint", "zh", "{area}有人在推销刷单兼职，说用手机号注册就能领{amt}元"},
            {"account", "zh", "我的手机号被人盗用去注册赌博网站了，请帮我查一下登录记录"},
            {"complaint", "zh", "收到短信说充值送{amt}元，链接点开是个赌博网站"},
            {"outage", "zh", "{area}附近好像有伪基站，手机老是掉到2G还收到奇怪短信"},
            {"billing", "zh", "有人说可以用信用卡帮我缴电费套现，这是你们的合作方吗？"},
            {"account", "zh", "名下突然多了一张黑卡，不是我本人办的，要求立即注销"},
            {"complaint", "zh", "收到电话说我的账户涉嫌洗钱要冻结，是你们打的吗？"},
            {"complaint", "en", "Someone posing as your staff invited me into an online gambling group."},
            {"billing", "en", "A caller offered to waive my ¥{amt} bill if I joined their fraud scheme."},
            {"account", "en", "Got a message saying my account is under review for money laundering. Is it real?"},
            {"outage", "en", "There may be a fake base station near {area}, my phone keeps dropping to 2G."},
            {"complaint", "en", "A neighbour in {area} is running a SIM box with dozens of your cards."},
            {"billing", "en", "I clicked a phishing link that looked like your payment page and paid ¥{amt}."},
    };

    // ---------------------------------------------------------------- slot fillers
    static final String[] AREA_ZH = {"阳光花园小区", "滨江新城", "城北工业园", "幸福里社区", "文三路一带", "下沙大学城",
            "江南春晓小区", "东湖花园", "金沙湖片区", "望江门", "临平老城区", "紫金港路", "钱江世纪城", "梦想小镇",
            "蓝天小区3号楼", "红星村", "南湖工业区", "西溪湿地附近"};
    static final String[] AREA_EN = {"Sunshine Garden", "Riverside New Town", "the North Industrial Park", "Xiasha",
            "Binjiang", "Qianjiang Century City", "Linping old town", "Donghu Garden", "Jinsha Lake",
            "the university town", "Hongxing Village", "the Nanhu industrial zone", "Building 3 of Blue Sky Estate",
            "Wangjiang Gate", "Xixi"};
    static final String[] TIME_ZH = {"早上7点", "上午9点", "上午10点半", "中午12点", "下午2点", "下午4点半", "傍晚6点",
            "晚上8点", "晚上9点半", "凌晨1点", "凌晨3点"};
    static final String[] TIME_EN = {"7 am", "9 am", "10:30 am", "noon", "2 pm", "4:30 pm", "6 pm", "8 pm", "9:30 pm",
            "1 am", "3 am"};
    static final String[] MON_ZH = {"1月", "2月", "3月", "上个月"};
    static final String[] MON_EN = {"January", "February", "March", "last month"};
    static final String[] DAY_ZH_EXTRA = {"周六", "下周一", "明天", "后天"};
    static final String[] DAY_EN_EXTRA = {"Saturday", "Monday", "Friday"};
    static final String[] MONTH_SHORT_EN = {"March", "Mar"};
    static final String[] STAFF_ZH = {"客服", "热线客服", "装维师傅", "营业厅工作人员", "抢修人员"};
    static final String[] STAFF_EN = {"The agent", "Your hotline agent", "The technician", "The store clerk"};
    static final String[] DEV_ZH = {"光猫", "机顶盒", "智能电表", "路由器", "无线中继器"};
    static final String[] DEV_EN = {"modem", "set-top box", "smart meter", "router", "ONT", "Wi-Fi extender"};
    static final String[] PLAN_ZH = {"畅享199套餐", "5G尊享套餐", "千兆融合套餐", "家庭亲情套餐", "129元不限量套餐"};
    static final String[] PLAN_EN = {"the Unlimited 199 plan", "the 5G Premium plan", "the gigabit bundle",
            "the family share plan", "the 129 yuan unlimited plan"};
    static final String[] BW = {"50", "100", "200", "300", "500"};
    static final String[] PREFIX_ZH = {"你好，", "您好，", "客服您好，", "在吗？", "打扰一下，", "急！"};
    static final String[] SUFFIX_ZH = {"谢谢！", "谢谢。", "麻烦尽快处理。", "在线等，挺急的。", "辛苦了。", "急！", "🙏", "请尽快回复。"};
    static final String[] PREFIX_EN = {"Hi. ", "Hello. ", "Hello! ", "Good morning. ", "Good evening. ", "Hi there! ",
            "Sorry to bother you. ", "Hey. "};
    static final String[] SUFFIX_EN = {" Thanks.", " Thank you!", " Please help.", " Urgent!", " Thanks in advance.",
            " 😡", " Any update?"};
    static final String[] CHANNELS = {"app", "phone", "web", "wechat"};
    static final int[] CHANNEL_W_ZH = {30, 20, 15, 35};
    static final int[] CHANNEL_W_EN = {35, 25, 30, 10};
    static final String[] REGIONS = {"杭州", "宁波", "温州", "绍兴", "嘉兴", "湖州", "金华", "台州", "衢州", "丽水", "舟山"};
    static final String[] ID_AREAS = {"110105", "310104", "330106", "330203", "440305", "320102", "510107", "420106",
            "130102", "350203"};
    static final String[] CARD_PREFIX = {"622202", "621700", "622848", "621483", "622588", "623058"};
    static final String[] PHONE_PREFIX = {"130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151",
            "152", "155", "157", "158", "159", "166", "177", "180", "181", "186", "187", "188", "189", "191", "198", "199"};
    static final String[] EMAIL_LOCAL = {"wei.zhang", "li_na", "fang.wang", "jchen", "liu.yang", "xiaoming", "hui.zhao",
            "john.smith", "emma.li", "k.huang", "sunlei", "min.xu", "d.walker", "yan.zhou", "tao.lin"};
    static final String[] EMAIL_DOMAIN = {"example.com", "example.net", "example.org", "mail.example.com",
            "corp.example.net"};

    // ---------------------------------------------------------------- documented detection rules
    static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@(?:[A-Za-z0-9-]+\\.)+[A-Za-z]{2,}");
    static final Pattern PHONE = Pattern.compile("(?<![0-9+])(\\+86 ?)?1[3-9][0-9]{9}(?![0-9])");
    static final Pattern ID_CARD = Pattern.compile("(?<![0-9A-Za-z])[0-9]{17}[0-9Xx](?![0-9A-Za-z])");
    static final Pattern CARD = Pattern.compile("(?<![0-9A-Za-z])[0-9]{16,19}(?![0-9A-Za-z])");
    static final Pattern ORDER = Pattern.compile("ORD-[0-9]{8}-[0-9]{4}");
    static final Pattern WS = Pattern.compile("\\s+");

    // ---------------------------------------------------------------- state
    private final java.util.Random rnd;
    private final Set<String> normKeys = new HashSet<>();
    private final Set<String> maskedKeys = new HashSet<>();
    private final Set<String> rawTexts = new HashSet<>();

    private SampleGenerator(long seed) {
        this.rnd = new java.util.Random(seed);
    }

    public static void main(String[] args) {
        Path out = Paths.get(args.length > 0 ? args[0] : DEFAULT_OUT);
        Composition c = generate(out);
        System.out.println("wrote " + FILES + " to " + out.toAbsolutePath().normalize());
        System.out.println(c.toJson());
    }

    /** Writes all {@link #FILES} into {@code outDir} (created if needed) and returns their composition. */
    public static Composition generate(Path outDir) {
        if (!"停".equals("\u505c")) {
            throw new IllegalStateException("SampleGenerator.java was compiled with a non-UTF-8 source encoding;"
                    + " run it with -Dfile.encoding=UTF-8");
        }
        try {
            return new SampleGenerator(SEED).run(outDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ================================================================= model

    static final class Row {
        final String intent;
        final String lang;
        final String kind; // normal, pii, decoy, sensitive, dup_exact, dup_normalized
        final String text;
        Row source;
        String variantKind;
        String channel;
        String region;
        boolean asciiEscaped;
        final Detected det;

        Row(String intent, String lang, String kind, String text) {
            this.intent = intent;
            this.lang = lang;
            this.kind = kind;
            this.text = text;
            this.det = detect(text);
        }
    }

    /** What the documented detectors find in a text. */
    static final class Detected {
        int email, phone, phonePlain, phonePlus86, phonePlus86Space, idCard, idCardX, bankCard;
        int decoyId, decoyCard, decoyOrder, sensitive;
        int longRunsOther; // digit runs of >= 11 digits that are none of the above

        int pii() {
            return email + phone + idCard + bankCard;
        }

        int decoys() {
            return decoyId + decoyCard + decoyOrder;
        }
    }

    static final class Line {
        double key;
        int seq;
        Row row;           // good rows
        String reason;     // broken rows
        int variant;
        String brokenText;
        String brokenLang;
        String channel;
        String region;
        boolean blank;
        String blankContent;
        byte[] bytes;
    }

    // ================================================================= generation

    private Composition run(Path outDir) throws IOException {
        // ---- base rows: normal, PII, decoys, sensitive (all unique after normalization and after masking)
        List<Row> base = new ArrayList<>();
        for (int i = 0; i < INTENTS.size(); i++) {
            String intent = INTENTS.get(i);
            int zh = (int) Math.round(NORMAL_QUOTA[i] * 0.6);
            for (int k = 0; k < NORMAL_QUOTA[i]; k++) {
                boolean isZh = k < zh;
                String[] ts = templates(intent, isZh);
                base.add(unique(intent, isZh ? "zh" : "en", "normal", () -> decorate(fill(pick(ts), isZh), isZh)));
            }
        }
        for (int k = 0; k < PII_EMAIL_ONLY; k++) base.add(special(EMAIL_T, "pii", k));
        for (int k = 0; k < PII_PHONE_ONLY; k++) base.add(special(PHONE_T, "pii", k));
        for (int k = 0; k < PII_EMAIL_AND_PHONE; k++) base.add(special(EMAIL_PHONE_T, "pii", k));
        for (int k = 0; k < PII_ID; k++) {
            final boolean wantX = k % 8 == 0;
            base.add(special(ID_T, "pii", k, wantX));
        }
        for (int k = 0; k < PII_CARD; k++) base.add(special(CARD_T, "pii", k));
        for (int k = 0; k < DECOY_ID; k++) base.add(special(DECOY_ID_T, "decoy", k));
        for (int k = 0; k < DECOY_CARD; k++) base.add(special(DECOY_CARD_T, "decoy", k));
        for (int k = 0; k < DECOY_ORDER; k++) base.add(special(DECOY_ORDER_T, "decoy", k));
        for (int k = 0; k < SENSITIVE; k++) base.add(special(SENSITIVE_T, "sensitive", k));
        shuffle(base);
        for (Row r : base) assignChannelRegion(r);

        List<Line> lines = new ArrayList<>();
        int seq = 0;
        for (int i = 0; i < base.size(); i++) {
            Line l = new Line();
            l.key = i;
            l.seq = seq++;
            l.row = base.get(i);
            lines.add(l);
        }

        // ---- duplicates: sources are plain rows in the first 90% of the file; placed after their source
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < base.size() * 9 / 10; i++) {
            if (base.get(i).kind.equals("normal")) candidates.add(i);
        }
        shuffle(candidates);
        Map<String, Integer> variantKinds = new LinkedHashMap<>();
        variantKinds.put("width", 0);
        variantKinds.put("whitespace", 0);
        for (int d = 0; d < DUP_EXACT + DUP_NORMALIZED; d++) {
            int src = candidates.get(d);
            Row s = base.get(src);
            Row dup;
            if (d < DUP_EXACT) {
                dup = new Row(s.intent, s.lang, "dup_exact", s.text);
            } else {
                String kind = d % 2 == 0 ? "width" : "whitespace";
                String v = variant(s.text, kind);
                if (v.equals(s.text) || !norm(v).equals(norm(s.text)) || rawTexts.contains(v)) {
                    throw new IllegalStateException("bad variant of '" + s.text + "': '" + v + "'");
                }
                rawTexts.add(v);
                dup = new Row(s.intent, s.lang, "dup_normalized", v);
                dup.variantKind = kind;
                variantKinds.merge(kind, 1, Integer::sum);
            }
            dup.source = s;
            assignChannelRegion(dup);
            Line l = new Line();
            l.key = src + 0.5 + rnd.nextInt(base.size() - src);
            l.seq = seq++;
            l.row = dup;
            lines.add(l);
        }

        // ---- \\uXXXX-escaped good rows (as Python's json.dumps writes them)
        List<Line> goodLines = new ArrayList<>(lines);
        List<Integer> esc = new ArrayList<>();
        for (int i = 0; i < goodLines.size(); i++) esc.add(i);
        shuffle(esc);
        for (int i = 0; i < ASCII_ESCAPED; i++) goodLines.get(esc.get(i)).row.asciiEscaped = true;

        // ---- broken rows and blank lines at random places
        for (int r = 0; r < BROKEN_REASONS.length; r++) {
            for (int v = 0; v < BROKEN_COUNTS[r]; v++) {
                Line l = new Line();
                l.key = rnd.nextInt(base.size()) + 0.25;
                l.seq = seq++;
                l.reason = BROKEN_REASONS[r];
                l.variant = v;
                boolean zh = rnd.nextInt(10) < 6;
                String intent = INTENTS.get(rnd.nextInt(INTENTS.size()));
                l.brokenLang = zh ? "zh" : "en";
                l.brokenText = fill(pick(templates(intent, zh)), zh);
                l.channel = weightedChannel(zh);
                l.region = pick(REGIONS);
                lines.add(l);
            }
        }
        String[] blanks = {"", " \t "};
        for (int b = 0; b < BLANK_LINES; b++) {
            Line l = new Line();
            l.key = 200 + rnd.nextInt(base.size() - 400) + 0.75;
            l.seq = seq++;
            l.blank = true;
            l.blankContent = blanks[b % blanks.length];
            lines.add(l);
        }
        lines.sort(Comparator.comparingDouble((Line l) -> l.key).thenComparingInt(l -> l.seq));

        // ---- ids, timestamps, rendering
        int counter = 0;
        LocalDateTime t = LocalDateTime.of(2026, 3, 1, 0, 3, 17);
        ByteArrayOutputStream jsonl = new ByteArrayOutputStream();
        StringBuilder answers = new StringBuilder("id,intent\n");
        Map<Row, String> ids = new LinkedHashMap<>();
        for (Line l : lines) {
            if (l.blank) {
                l.bytes = l.blankContent.getBytes(StandardCharsets.UTF_8);
            } else {
                counter++;
                String id = String.format(Locale.ROOT, "cs-%05d", counter);
                t = t.plusSeconds(60 + rnd.nextInt(1440));
                String ts = timestamp(t);
                if (l.row != null) {
                    Row r = l.row;
                    l.bytes = goodObject(id, r.text, r.channel, ts, r.region, r.asciiEscaped)
                            .getBytes(StandardCharsets.UTF_8);
                    answers.append(id).append(',').append(r.intent).append('\n');
                    ids.put(r, id);
                } else {
                    l.bytes = renderBroken(l, id, ts);
                }
            }
            jsonl.write(l.bytes);
            jsonl.write('\n');
        }

        // ---- composition, computed from what was generated, then checked against the plan
        Composition c = compose(lines, variantKinds);
        checkPlan(c, lines);

        CsvResult csv = csvSmall(counter);
        c.csvSmall = csv.composition;

        Files.createDirectories(outDir);
        Files.write(outDir.resolve("messages.jsonl"), jsonl.toByteArray());
        Files.write(outDir.resolve("answers.csv"), answers.toString().getBytes(StandardCharsets.UTF_8));
        Files.write(outDir.resolve("messages-small.csv"), csv.csv);
        Files.write(outDir.resolve("answers-small.csv"), csv.answers.getBytes(StandardCharsets.UTF_8));
        Files.write(outDir.resolve("sensitive-terms.txt"),
                (String.join("\n", SENSITIVE_TERMS) + "\n").getBytes(StandardCharsets.UTF_8));
        Files.write(outDir.resolve("expected.json"), (c.toJson() + "\n").getBytes(StandardCharsets.UTF_8));
        Files.write(outDir.resolve("README.md"), readme(c).getBytes(StandardCharsets.UTF_8));
        return c;
    }

    // ================================================================= rows

    private Row special(String[][] ts, String kind, int k) {
        return special(ts, kind, k, false);
    }

    private Row special(String[][] ts, String kind, int k, boolean wantX) {
        boolean zh = rnd.nextInt(10) < 6;
        List<String[]> forLang = new ArrayList<>();
        for (String[] t : ts) if (t[1].equals(zh ? "zh" : "en")) forLang.add(t);
        // sensitive rows: cycle through all templates so every term occurs
        String[] tpl = kind.equals("sensitive") ? ts[k % ts.length] : forLang.get(rnd.nextInt(forLang.size()));
        boolean tzh = tpl[1].equals("zh");
        return unique(tpl[0], tpl[1], kind, () -> decorate(fill(tpl[2], tzh, wantX), tzh));
    }

    private Row unique(String intent, String lang, String kind, java.util.function.Supplier<String> gen) {
        for (int attempt = 0; attempt < 10_000; attempt++) {
            String text = gen.get();
            int len = text.codePointCount(0, text.length());
            if (len < 10 || len > 200) continue;
            String nk = norm(text);
            String mk = norm(mask(text));
            if (normKeys.contains(nk) || maskedKeys.contains(mk)) continue;
            normKeys.add(nk);
            maskedKeys.add(mk);
            rawTexts.add(text);
            return new Row(intent, lang, kind, text);
        }
        throw new IllegalStateException("could not find a unique text for " + intent + "/" + lang + "/" + kind);
    }

    private void assignChannelRegion(Row r) {
        r.channel = weightedChannel(r.lang.equals("zh"));
        r.region = pick(REGIONS);
    }

    private String weightedChannel(boolean zh) {
        int[] w = zh ? CHANNEL_W_ZH : CHANNEL_W_EN;
        int x = rnd.nextInt(100);
        for (int i = 0; i < w.length; i++) {
            if (x < w[i]) return CHANNELS[i];
            x -= w[i];
        }
        return CHANNELS[CHANNELS.length - 1];
    }

    static String[] templates(String intent, boolean zh) {
        switch (intent) {
            case "billing": return zh ? BILLING_ZH[0] : BILLING_EN[0];
            case "outage": return zh ? OUTAGE_ZH[0] : OUTAGE_EN[0];
            case "installation": return zh ? INSTALLATION_ZH[0] : INSTALLATION_EN[0];
            case "complaint": return zh ? COMPLAINT_ZH[0] : COMPLAINT_EN[0];
            case "account": return zh ? ACCOUNT_ZH[0] : ACCOUNT_EN[0];
            default: throw new IllegalArgumentException(intent);
        }
    }

    private String decorate(String text, boolean zh) {
        StringBuilder b = new StringBuilder();
        if (rnd.nextInt(100) < 45) b.append(pick(zh ? PREFIX_ZH : PREFIX_EN));
        b.append(text);
        if (rnd.nextInt(100) < 45) {
            String s = pick(zh ? SUFFIX_ZH : SUFFIX_EN);
            if (zh) {
                char last = text.charAt(text.length() - 1);
                boolean ends = "。？！".indexOf(last) >= 0;
                if (!ends && !s.equals("🙏")) b.append('，');
            }
            b.append(s);
        }
        return b.toString();
    }

    private String fill(String template, boolean zh) {
        return fill(template, zh, false);
    }

    private String fill(String template, boolean zh, boolean wantX) {
        StringBuilder b = new StringBuilder();
        int i = 0;
        while (true) {
            int j = template.indexOf('{', i);
            if (j < 0) break;
            int k = template.indexOf('}', j);
            b.append(template, i, j);
            b.append(slot(template.substring(j + 1, k), zh, wantX));
            i = k + 1;
        }
        b.append(template.substring(i));
        return b.toString();
    }

    private String slot(String name, boolean zh, boolean wantX) {
        switch (name) {
            case "amt": {
                int yuan = 20 + rnd.nextInt(880);
                return rnd.nextInt(4) == 0 ? Integer.toString(yuan)
                        : String.format(Locale.ROOT, "%d.%02d", yuan, rnd.nextInt(100));
            }
            case "mon": return pick(zh ? MON_ZH : MON_EN);
            case "day": {
                if (rnd.nextInt(3) == 0) return pick(zh ? DAY_ZH_EXTRA : DAY_EN_EXTRA);
                int d = 1 + rnd.nextInt(31);
                return zh ? "3月" + d + "日" : pick(MONTH_SHORT_EN) + " " + d;
            }
            case "time": return pick(zh ? TIME_ZH : TIME_EN);
            case "area": return pick(zh ? AREA_ZH : AREA_EN);
            case "staff": return pick(zh ? STAFF_ZH : STAFF_EN);
            case "dev": return pick(zh ? DEV_ZH : DEV_EN);
            case "plan": return pick(zh ? PLAN_ZH : PLAN_EN);
            case "bw": return pick(BW);
            case "kwh": return Integer.toString(80 + rnd.nextInt(900));
            case "hrs": return Integer.toString(2 + rnd.nextInt(46));
            case "days": return Integer.toString(2 + rnd.nextInt(14));
            case "n": return Integer.toString(2 + rnd.nextInt(5));
            case "acct": return "33" + digits(8);
            case "email": return email();
            case "phone": return phone();
            case "id": return idNumber(true, wantX);
            case "card": return bankCard();
            case "badid": return idNumber(false, false);
            case "badcard": return badCard();
            case "order": return String.format(Locale.ROOT, "ORD-2026%02d%02d-%04d",
                    2 + rnd.nextInt(2), 1 + rnd.nextInt(28), 1 + rnd.nextInt(9999));
            default: throw new IllegalArgumentException("unknown slot " + name);
        }
    }

    private String digits(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) b.append((char) ('0' + rnd.nextInt(10)));
        return b.toString();
    }

    private String email() {
        String local = pick(EMAIL_LOCAL);
        if (rnd.nextInt(3) == 0) local += (10 + rnd.nextInt(90));
        return local + "@" + pick(EMAIL_DOMAIN);
    }

    private String phone() {
        String number = pick(PHONE_PREFIX) + digits(8);
        int f = rnd.nextInt(10);
        return f < 6 ? number : f < 8 ? "+86" + number : "+86 " + number;
    }

    private String idNumber(boolean valid, boolean wantX) {
        while (true) {
            int year = 1950 + rnd.nextInt(55);
            int month = 1 + rnd.nextInt(12);
            int day = 1 + rnd.nextInt(java.time.YearMonth.of(year, month).lengthOfMonth());
            String body = pick(ID_AREAS) + String.format(Locale.ROOT, "%04d%02d%02d", year, month, day)
                    + String.format(Locale.ROOT, "%03d", 1 + rnd.nextInt(999));
            char check = idCheckChar(body);
            String s;
            if (valid) {
                if ((check == 'X') != wantX) continue;
                s = body + check;
            } else {
                char wrong = (char) ('0' + rnd.nextInt(10));
                if (wrong == check) continue;
                s = body + wrong;
            }
            // an all-digit 18-char token must never also pass Luhn (it would look like a bank card)
            if (s.indexOf('X') < 0 && luhnValid(s)) continue;
            return s;
        }
    }

    private String bankCard() {
        int len = rnd.nextBoolean() ? 16 : 19;
        String body = pick(CARD_PREFIX) + digits(len - 7);
        for (char d = '0'; d <= '9'; d++) {
            if (luhnValid(body + d)) return body + d;
        }
        throw new IllegalStateException();
    }

    private String badCard() {
        while (true) {
            String s = (char) ('1' + rnd.nextInt(9)) + digits(15);
            if (!luhnValid(s)) return s;
        }
    }

    static char idCheckChar(String body17) {
        int[] w = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) sum += (body17.charAt(i) - '0') * w[i];
        return "10X98765432".charAt(sum % 11);
    }

    static boolean idValid(String s) {
        return s.length() == 18 && Character.toUpperCase(s.charAt(17)) == idCheckChar(s.substring(0, 17));
    }

    static boolean luhnValid(String digits) {
        int sum = 0;
        boolean dbl = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (dbl) {
                d *= 2;
                if (d > 9) d -= 9;
            }
            sum += d;
            dbl = !dbl;
        }
        return sum % 10 == 0;
    }

    // ================================================================= variants (duplicates after normalization)

    private String variant(String s, String kind) {
        List<String> options = new ArrayList<>();
        if (kind.equals("width")) {
            // full-width letters/digits, half-width punctuation in Chinese, full-width punctuation in English, ￥
            Matcher m = Pattern.compile("[A-Za-z0-9]+").matcher(s);
            List<int[]> runs = new ArrayList<>();
            while (m.find()) runs.add(new int[]{m.start(), m.end()});
            if (!runs.isEmpty()) {
                int[] r = runs.get(rnd.nextInt(runs.size()));
                StringBuilder b = new StringBuilder(s);
                for (int i = r[0]; i < r[1]; i++) b.setCharAt(i, (char) (s.charAt(i) - 0x21 + 0xFF01));
                options.add(b.toString());
                StringBuilder all = new StringBuilder();
                for (char ch : s.toCharArray()) {
                    all.append(ch > 0x20 && ch < 0x7F && ch != '"' ? (char) (ch - 0x21 + 0xFF01) : ch == ' ' ? '\u3000' : ch);
                }
                options.add(all.toString());
            }
            String half = s.replace('，', ',').replace('？', '?').replace('！', '!').replace('：', ':');
            if (!half.equals(s)) options.add(half);
            if (s.indexOf(',') >= 0) options.add(s.replaceFirst(",", "，"));
            if (s.indexOf('?') >= 0) options.add(s.replace('?', '？'));
            if (s.indexOf('¥') >= 0) options.add(s.replace('¥', '￥'));
        } else {
            String[] lead = {" ", "  ", "\t", "\u3000", " \t"};
            String[] trail = {" ", "  ", "\t", " \t", "\u3000"};
            options.add(pick(lead) + s);
            options.add(s + pick(trail));
            options.add(pick(lead) + s + pick(trail));
            List<Integer> spaces = new ArrayList<>();
            for (int i = 0; i < s.length(); i++) if (s.charAt(i) == ' ') spaces.add(i);
            if (!spaces.isEmpty()) {
                int at = spaces.get(rnd.nextInt(spaces.size()));
                String[] repl = {"  ", "   ", "\t", " \t ", "\u3000"};
                options.add(s.substring(0, at) + pick(repl) + s.substring(at + 1));
                options.add(s.replace(" ", "  "));
            }
        }
        shuffle(options);
        for (String o : options) {
            if (!o.equals(s) && norm(o).equals(norm(s)) && !rawTexts.contains(o)) return o;
        }
        throw new IllegalStateException("no " + kind + " variant for '" + s + "'");
    }

    // ================================================================= detection, masking, normalization

    /** NFKC, then every run of whitespace becomes one U+0020, then trim. */
    public static String norm(String s) {
        return WS.matcher(Normalizer.normalize(s, Normalizer.Form.NFKC)).replaceAll(" ").trim();
    }

    /** Masks in this order: e-mail, ID card (valid checksum), bank card (valid Luhn), mobile phone. */
    public static String mask(String text) {
        String s = EMAIL.matcher(text).replaceAll("[EMAIL]");
        s = replaceValid(s, ID_CARD, SampleGenerator::idValid, "[ID_CARD]");
        s = replaceValid(s, CARD, d -> !idValid(d) && luhnValid(d), "[BANK_CARD]");
        return PHONE.matcher(s).replaceAll("[PHONE]");
    }

    private static String replaceValid(String s, Pattern p, java.util.function.Predicate<String> ok, String token) {
        Matcher m = p.matcher(s);
        StringBuilder b = new StringBuilder();
        while (m.find()) m.appendReplacement(b, ok.test(m.group()) ? Matcher.quoteReplacement(token) : "$0");
        m.appendTail(b);
        return b.toString();
    }

    static Detected detect(String text) {
        Detected d = new Detected();
        Matcher m = EMAIL.matcher(text);
        while (m.find()) d.email++;
        m = PHONE.matcher(text);
        while (m.find()) {
            d.phone++;
            if (m.group(1) == null) d.phonePlain++;
            else if (m.group(1).endsWith(" ")) d.phonePlus86Space++;
            else d.phonePlus86++;
        }
        m = ID_CARD.matcher(text);
        while (m.find()) {
            if (idValid(m.group())) {
                d.idCard++;
                if (Character.toUpperCase(m.group().charAt(17)) == 'X') d.idCardX++;
            } else {
                d.decoyId++;
            }
        }
        m = CARD.matcher(text);
        while (m.find()) {
            String g = m.group();
            if (g.length() == 18 && ID_CARD.matcher(g).matches()) continue; // counted above
            if (luhnValid(g)) d.bankCard++;
            else if (g.length() == 16) d.decoyCard++;
            else d.longRunsOther++;
        }
        m = ORDER.matcher(text);
        while (m.find()) d.decoyOrder++;
        m = Pattern.compile("[0-9]{11,}").matcher(text);
        while (m.find()) {
            int n = m.group().length();
            boolean idWithX = n == 17 && m.end() < text.length() && Character.toUpperCase(text.charAt(m.end())) == 'X';
            boolean known = n == 11 || n == 16 || n == 18 || n == 19 || idWithX
                    || n == 13 && m.start() > 0 && text.charAt(m.start() - 1) == '+';
            if (!known) d.longRunsOther++;
        }
        String lower = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        for (String term : SENSITIVE_TERMS) {
            String t = term.toLowerCase(Locale.ROOT);
            for (int i = lower.indexOf(t); i >= 0; i = lower.indexOf(t, i + 1)) d.sensitive++;
        }
        return d;
    }

    // ================================================================= rendering

    static String js(String s, boolean asciiOnly) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': b.append("\\\""); break;
                case '\\': b.append("\\\\"); break;
                case '\n': b.append("\\n"); break;
                case '\r': b.append("\\r"); break;
                case '\t': b.append("\\t"); break;
                default:
                    if (c < 0x20 || (asciiOnly && c > 0x7E)) b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    else b.append(c);
            }
        }
        return b.append('"').toString();
    }

    static String js(String s) {
        return js(s, false);
    }

    static String goodObject(String id, String text, String channel, String ts, String region, boolean ascii) {
        return "{\"id\":" + js(id, ascii) + ",\"text\":" + js(text, ascii) + ",\"channel\":" + js(channel, ascii)
                + ",\"created_at\":" + js(ts, ascii) + ",\"region\":" + js(region, ascii) + "}";
    }

    static String timestamp(LocalDateTime t) {
        return String.format(Locale.ROOT, "%04d-%02d-%02dT%02d:%02d:%02dZ", t.getYear(), t.getMonthValue(),
                t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond());
    }

    private byte[] renderBroken(Line l, String id, String ts) {
        String text = l.brokenText;
        String ch = l.channel;
        String region = l.region;
        String good = goodObject(id, text, ch, ts, region, false);
        String tail = ",\"channel\":" + js(ch) + ",\"created_at\":" + js(ts) + ",\"region\":" + js(region) + "}";
        switch (l.reason) {
            case "line_too_long": {
                StringBuilder b = new StringBuilder();
                while (b.length() < LINE_TOO_LONG_CHARS) b.append(fill(pick(templates("outage", true)), true)).append('。');
                b.setLength(LINE_TOO_LONG_CHARS);
                byte[] bytes = goodObject(id, "客户粘贴的聊天记录：" + b, ch, ts, region, false).getBytes(StandardCharsets.UTF_8);
                if (bytes.length <= MAX_LINE_BYTES) throw new IllegalStateException("line_too_long row too short");
                return bytes;
            }
            case "invalid_utf8": {
                byte[][] bad = {
                        {(byte) 0xC3, 0x28}, {(byte) 0xFF}, {(byte) 0xE4, (byte) 0xB8}, {(byte) 0xC0, (byte) 0xAF},
                        {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0x80},
                        {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
                        {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}};
                byte[] seq = bad[l.variant % bad.length];
                String before;
                String after;
                if (l.variant == bad.length - 1) { // inside the region value
                    before = "{\"id\":" + js(id) + ",\"text\":" + js(text) + ",\"channel\":" + js(ch)
                            + ",\"created_at\":" + js(ts) + ",\"region\":\"" + region;
                    after = "\"}";
                } else {
                    int mid = text.length() / 2;
                    String j1 = js(text.substring(0, mid));
                    String j2 = js(text.substring(mid));
                    before = "{\"id\":" + js(id) + ",\"text\":" + j1.substring(0, j1.length() - 1);
                    after = j2.substring(1) + tail;
                }
                ByteArrayOutputStream o = new ByteArrayOutputStream();
                o.writeBytes(before.getBytes(StandardCharsets.UTF_8));
                o.writeBytes(seq);
                o.writeBytes(after.getBytes(StandardCharsets.UTF_8));
                return o.toByteArray();
            }
            case "invalid_json": return invalidJson(l, id, ts, good, tail).getBytes(StandardCharsets.UTF_8);
            case "not_an_object": {
                String[] v = {"[" + js(id) + "," + js(text) + "]", js(text), "20260301", "null"};
                return v[l.variant % v.length].getBytes(StandardCharsets.UTF_8);
            }
            case "missing_id": {
                String key = l.variant % 3 == 2 ? "\"msg_id\":" + js(id) + "," : "";
                return ("{" + key + "\"text\":" + js(text) + tail).getBytes(StandardCharsets.UTF_8);
            }
            case "missing_text": {
                String[] alt = {"", "", "", "", ",\"content\":" + js(text), ",\"message\":" + js(text), ",\"body\":" + js(text)};
                return ("{\"id\":" + js(id) + alt[l.variant % alt.length] + tail).getBytes(StandardCharsets.UTF_8);
            }
            case "blank_text": {
                String[] blank = {"", " ", "   ", "\t", " \t ", "\r\n"};
                return ("{\"id\":" + js(id) + ",\"text\":" + js(blank[l.variant % blank.length]) + tail)
                        .getBytes(StandardCharsets.UTF_8);
            }
            case "text_too_long": {
                int len = TOO_LONG_LENGTHS[l.variant % TOO_LONG_LENGTHS.length];
                boolean zh = l.brokenLang.equals("zh");
                StringBuilder b = new StringBuilder();
                while (b.length() < len) {
                    b.append(fill(pick(templates(INTENTS.get(rnd.nextInt(INTENTS.size())), zh)), zh)).append(zh ? "" : " ");
                }
                b.setLength(len);
                String s = b.toString();
                if (s.codePointCount(0, s.length()) != len || s.isBlank()) throw new IllegalStateException();
                return goodObject(id, s, ch, ts, region, false).getBytes(StandardCharsets.UTF_8);
            }
            default: throw new IllegalStateException(l.reason);
        }
    }

    private String invalidJson(Line l, String id, String ts, String good, String tail) {
        String text = l.brokenText;
        String jt = js(text);
        switch (l.variant) {
            case 0: return "{\"id\":" + js(id) + ",\"text\":" + jt.substring(0, jt.length() / 2);          // truncated in a string
            case 1: return "{\"id\":" + js(id) + ",\"text\":" + jt + ",\"channel\":" + js(l.channel) + ","; // truncated after a comma
            case 2: return "{\"id\":" + js(id) + ",\"text\":" + tail;                                        // member without value
            case 3: return (l.brokenLang.equals("zh") ? "客户留言：" : "Customer wrote: ") + text;            // plain text
            case 4: return good + " #crm-export";                                                               // trailing garbage
            case 5: return good + "}";                                                                          // extra brace
            case 6: return good + good;                                                                         // two objects
            case 7: return good.replace('"', '\'');                                                             // single quotes
            case 8: return good.replace("\"id\":", "id:").replace("\"text\":", "text:").replace("\"channel\":", "channel:")
                    .replace("\"created_at\":", "created_at:").replace("\"region\":", "region:");             // unquoted names
            case 9: return good.substring(0, good.length() - 1) + ",}";                                       // trailing comma
            case 10: {                                                                                          // raw TAB in a string
                int mid = Math.max(2, jt.length() / 2);
                while (jt.charAt(mid - 1) == '\\') mid++;
                return "{\"id\":" + js(id) + ",\"text\":" + jt.substring(0, mid) + "\t" + jt.substring(mid) + tail;
            }
            case 11: {                                                                                          // \' escape
                String en = text;
                while (en.indexOf('\'') < 0) en = fill(pick(templates(INTENTS.get(rnd.nextInt(5)), false)), false);
                return "{\"id\":" + js(id) + ",\"text\":" + js(en).replace("'", "\\'") + tail;
            }
            default: throw new IllegalStateException("invalid_json variant " + l.variant);
        }
    }

    // ================================================================= composition

    private Composition compose(List<Line> lines, Map<String, Integer> variantKinds) {
        Composition c = new Composition();
        c.seed = SEED;
        for (String r : BROKEN_REASONS) c.brokenByReason.put(r, 0);
        for (String i : INTENTS) {
            c.classCounts.put(i, 0);
            c.classCountsAll.put(i, 0);
        }
        for (String k : List.of("zh", "en")) {
            c.languages.put(k, 0);
            c.languagesAfterDedup.put(k, 0);
        }
        for (String k : CHANNELS) c.channels.put(k, 0);
        c.normalizedDuplicateKinds.putAll(variantKinds);
        Set<String> raw = new HashSet<>();
        Set<String> norm = new HashSet<>();
        int email = 0, phone = 0, id = 0, card = 0, dId = 0, dCard = 0, dOrder = 0;
        int plain = 0, p86 = 0, p86s = 0;
        for (Line l : lines) {
            c.totalLines++;
            if (l.blank) {
                c.blankLines++;
                continue;
            }
            if (l.row == null) {
                c.brokenRows++;
                c.brokenByReason.merge(l.reason, 1, Integer::sum);
                continue;
            }
            Row r = l.row;
            c.goodRows++;
            c.classCountsAll.merge(r.intent, 1, Integer::sum);
            c.languages.merge(r.lang, 1, Integer::sum);
            c.channels.merge(r.channel, 1, Integer::sum);
            if (r.asciiEscaped) c.asciiEscapedRows++;
            boolean exactDup = !raw.add(r.text);
            boolean normDup = !norm.add(norm(r.text));
            if (exactDup) c.duplicatesExact++;
            if (normDup) c.duplicatesAfterNormalization++;
            if (!normDup) {
                c.classCounts.merge(r.intent, 1, Integer::sum);
                c.languagesAfterDedup.merge(r.lang, 1, Integer::sum);
            }
            Detected d = r.det;
            email += d.email;
            phone += d.phone;
            plain += d.phonePlain;
            p86 += d.phonePlus86;
            p86s += d.phonePlus86Space;
            id += d.idCard;
            c.idCardsEndingInX += d.idCardX;
            card += d.bankCard;
            dId += d.decoyId;
            dCard += d.decoyCard;
            dOrder += d.decoyOrder;
            if (d.pii() > 0) c.piiRows++;
            if (d.sensitive > 0) c.sensitiveRows++;
        }
        c.duplicatesNormalizedOnly = c.duplicatesAfterNormalization - c.duplicatesExact;
        c.itemsAfterDedup = c.goodRows - c.duplicatesAfterNormalization;
        c.pii.put("email", email);
        c.pii.put("phone", phone);
        c.pii.put("idCard", id);
        c.pii.put("bankCard", card);
        c.pii.put("total", email + phone + id + card);
        c.phoneFormats.put("plain", plain);
        c.phoneFormats.put("plus86", p86);
        c.phoneFormats.put("plus86Space", p86s);
        c.decoys.put("idBadChecksum", dId);
        c.decoys.put("cardBadLuhn", dCard);
        c.decoys.put("orderNumber", dOrder);
        c.decoys.put("total", dId + dCard + dOrder);
        return c;
    }

    private void checkPlan(Composition c, List<Line> lines) {
        List<String> errors = new ArrayList<>();
        expect(errors, "goodRows", c.goodRows, GOOD_ROWS);
        expect(errors, "blankLines", c.blankLines, BLANK_LINES);
        for (int i = 0; i < BROKEN_REASONS.length; i++) {
            expect(errors, BROKEN_REASONS[i], c.brokenByReason.get(BROKEN_REASONS[i]), BROKEN_COUNTS[i]);
        }
        expect(errors, "duplicatesExact", c.duplicatesExact, DUP_EXACT);
        expect(errors, "duplicatesNormalizedOnly", c.duplicatesNormalizedOnly, DUP_NORMALIZED);
        expect(errors, "email", c.pii.get("email"), PII_EMAIL_ONLY + PII_EMAIL_AND_PHONE);
        expect(errors, "phone", c.pii.get("phone"), PII_PHONE_ONLY + PII_EMAIL_AND_PHONE);
        expect(errors, "idCard", c.pii.get("idCard"), PII_ID);
        expect(errors, "bankCard", c.pii.get("bankCard"), PII_CARD);
        expect(errors, "piiRows", c.piiRows, PII_EMAIL_ONLY + PII_PHONE_ONLY + PII_EMAIL_AND_PHONE + PII_ID + PII_CARD);
        expect(errors, "idBadChecksum", c.decoys.get("idBadChecksum"), DECOY_ID);
        expect(errors, "cardBadLuhn", c.decoys.get("cardBadLuhn"), DECOY_CARD);
        expect(errors, "orderNumber", c.decoys.get("orderNumber"), DECOY_ORDER);
        expect(errors, "sensitiveRows", c.sensitiveRows, SENSITIVE);
        expect(errors, "asciiEscapedRows", c.asciiEscapedRows, ASCII_ESCAPED);
        for (Line l : lines) {
            if (l.row == null) continue;
            Row r = l.row;
            Detected d = r.det;
            boolean plain = r.kind.equals("normal") || r.kind.startsWith("dup");
            if (d.longRunsOther != 0) errors.add("unexpected long digit run: " + r.text);
            if (plain && (d.pii() + d.decoys() + d.sensitive) != 0) errors.add("plain row with PII/decoy/term: " + r.text);
            if (r.kind.equals("sensitive") && (d.sensitive != 1 || d.pii() + d.decoys() != 0)) errors.add("sensitive row: " + r.text);
            if (r.kind.equals("decoy") && (d.decoys() != 1 || d.pii() + d.sensitive != 0)) errors.add("decoy row: " + r.text);
            if (r.kind.equals("pii") && (d.pii() == 0 || d.decoys() + d.sensitive != 0)) errors.add("pii row: " + r.text);
            int len = r.text.codePointCount(0, r.text.length());
            if (len < 10 || len > 200 || r.text.isBlank()) errors.add("bad length: " + r.text);
        }
        for (String i : INTENTS) {
            if (c.classCounts.get(i) < 150) errors.add("class " + i + " has fewer than 150 rows after dedup");
        }
        if (!errors.isEmpty()) throw new IllegalStateException("generated sample does not match the plan: " + errors);
    }

    private static void expect(List<String> errors, String what, int actual, int planned) {
        if (actual != planned) errors.add(what + ": " + actual + " != " + planned);
    }

    // ================================================================= small CSV variant

    static final class CsvResult {
        byte[] csv;
        String answers;
        CsvComposition composition;
    }

    private CsvResult csvSmall(int lastJsonlId) {
        List<String> intents = new ArrayList<>();
        for (int i = 0; i < INTENTS.size(); i++) for (int k = 0; k < CSV_QUOTA[i]; k++) intents.add(INTENTS.get(i));
        shuffle(intents);
        List<Integer> positions = new ArrayList<>();
        for (int i = 3; i < CSV_DATA_ROWS; i++) positions.add(i);
        shuffle(positions);
        String[] brokenAt = new String[CSV_DATA_ROWS];
        brokenAt[positions.get(0)] = "wrong_column_count";
        brokenAt[positions.get(1)] = "missing_text";
        brokenAt[positions.get(2)] = "invalid_utf8";

        CsvComposition c = new CsvComposition();
        for (String r : List.of("wrong_column_count", "missing_text", "invalid_utf8")) c.brokenByReason.put(r, 0);
        for (String i : INTENTS) c.classCountsAll.put(i, 0);
        c.languages.put("zh", 0);
        c.languages.put("en", 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringBuilder answers = new StringBuilder("id,intent\n");
        out.writeBytes("id,text,channel,created_at,region\n".getBytes(StandardCharsets.UTF_8));
        c.totalLines = 1;
        c.headerLines = 1;
        LocalDateTime t = LocalDateTime.of(2026, 3, 2, 8, 0, 41);
        int next = 0;
        for (int i = 0; i < CSV_DATA_ROWS; i++) {
            String id = String.format(Locale.ROOT, "cs-s-%04d", i + 1);
            t = t.plusSeconds(300 + rnd.nextInt(3000));
            String ts = timestamp(t);
            String region = pick(REGIONS);
            c.totalLines++;
            c.dataRows++;
            if (brokenAt[i] != null) {
                c.brokenRows++;
                c.brokenByReason.merge(brokenAt[i], 1, Integer::sum);
                switch (brokenAt[i]) {
                    case "wrong_column_count": {
                        String text;
                        do {
                            text = fill(pick(templates(INTENTS.get(rnd.nextInt(5)), false)), false);
                        } while (text.indexOf(',') < 0 || text.indexOf('"') >= 0);
                        out.writeBytes((id + "," + text + ",web," + ts + "," + region + "\n").getBytes(StandardCharsets.UTF_8));
                        break;
                    }
                    case "missing_text":
                        out.writeBytes((id + ",,app," + ts + "," + region + "\n").getBytes(StandardCharsets.UTF_8));
                        break;
                    default: { // GBK bytes of 小区停电了 in a UTF-8 file
                        out.writeBytes((id + ",").getBytes(StandardCharsets.UTF_8));
                        out.writeBytes(new byte[]{(byte) 0xD0, (byte) 0xA1, (byte) 0xC7, (byte) 0xF8, (byte) 0xCD,
                                (byte) 0xA3, (byte) 0xB5, (byte) 0xE7, (byte) 0xC1, (byte) 0xCB});
                        out.writeBytes((",phone," + ts + "," + region + "\n").getBytes(StandardCharsets.UTF_8));
                    }
                }
                continue;
            }
            String intent = intents.get(next++);
            boolean zh = rnd.nextInt(10) < 6;
            String[] ts2 = templates(intent, zh);
            Row r = unique(intent, zh ? "zh" : "en", "normal", () -> decorate(fill(pick(ts2), zh), zh));
            c.goodRows++;
            c.classCountsAll.merge(intent, 1, Integer::sum);
            c.languages.merge(r.lang, 1, Integer::sum);
            out.writeBytes((id + "," + csvField(r.text) + "," + weightedChannel(zh) + "," + ts + "," + region + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            answers.append(id).append(',').append(intent).append('\n');
        }
        c.itemsAfterDedup = c.goodRows;
        CsvResult res = new CsvResult();
        res.csv = out.toByteArray();
        res.answers = answers.toString();
        res.composition = c;
        return res;
    }

    static String csvField(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.equals(s.strip())) return s;
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

    // ================================================================= helpers

    private <T> T pick(T[] a) {
        return a[rnd.nextInt(a.length)];
    }

    /** Fisher-Yates with our own Random, so the order never depends on JDK internals. */
    private <T> void shuffle(List<T> list) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            T tmp = list.get(i);
            list.set(i, list.get(j));
            list.set(j, tmp);
        }
    }

    // ================================================================= composition model + JSON

    /** Exact composition of {@code messages.jsonl} (plus {@link #csvSmall}); written as {@code expected.json}. */
    public static final class Composition {
        public long seed;
        public int totalLines;
        public int blankLines;
        public int goodRows;
        public int brokenRows;
        public final Map<String, Integer> brokenByReason = new LinkedHashMap<>();
        public int duplicatesExact;
        public int duplicatesNormalizedOnly;
        public int duplicatesAfterNormalization;
        public final Map<String, Integer> normalizedDuplicateKinds = new LinkedHashMap<>();
        public int itemsAfterDedup;
        public final Map<String, Integer> pii = new LinkedHashMap<>();
        public int piiRows;
        public final Map<String, Integer> phoneFormats = new LinkedHashMap<>();
        public int idCardsEndingInX;
        public final Map<String, Integer> decoys = new LinkedHashMap<>();
        public int sensitiveRows;
        public final Map<String, Integer> classCounts = new LinkedHashMap<>();
        public final Map<String, Integer> classCountsAll = new LinkedHashMap<>();
        public final Map<String, Integer> languages = new LinkedHashMap<>();
        public final Map<String, Integer> languagesAfterDedup = new LinkedHashMap<>();
        public final Map<String, Integer> channels = new LinkedHashMap<>();
        public int asciiEscapedRows;
        public CsvComposition csvSmall;

        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("sample", "customer-service");
            m.put("generator", SampleGenerator.class.getName());
            m.put("seed", seed);
            m.put("file", "messages.jsonl");
            m.put("totalLines", totalLines);
            m.put("blankLines", blankLines);
            m.put("goodRows", goodRows);
            m.put("brokenRows", brokenRows);
            m.put("brokenByReason", brokenByReason);
            m.put("duplicatesExact", duplicatesExact);
            m.put("duplicatesNormalizedOnly", duplicatesNormalizedOnly);
            m.put("duplicatesAfterNormalization", duplicatesAfterNormalization);
            m.put("normalizedDuplicateKinds", normalizedDuplicateKinds);
            m.put("itemsAfterDedup", itemsAfterDedup);
            m.put("pii", pii);
            m.put("piiRows", piiRows);
            m.put("phoneFormats", phoneFormats);
            m.put("idCardsEndingInX", idCardsEndingInX);
            m.put("decoys", decoys);
            m.put("sensitiveRows", sensitiveRows);
            m.put("classCounts", classCounts);
            m.put("classCountsAll", classCountsAll);
            m.put("languages", languages);
            m.put("languagesAfterDedup", languagesAfterDedup);
            m.put("channels", channels);
            m.put("asciiEscapedRows", asciiEscapedRows);
            if (csvSmall != null) m.put("csvSmall", csvSmall.toMap());
            return m;
        }

        public String toJson() {
            StringBuilder b = new StringBuilder();
            writeJson(b, toMap(), 0);
            return b.toString();
        }
    }

    /** Composition of {@code messages-small.csv}. */
    public static final class CsvComposition {
        public int totalLines;
        public int headerLines;
        public int dataRows;
        public int goodRows;
        public int brokenRows;
        public final Map<String, Integer> brokenByReason = new LinkedHashMap<>();
        public int itemsAfterDedup;
        public final Map<String, Integer> classCountsAll = new LinkedHashMap<>();
        public final Map<String, Integer> languages = new LinkedHashMap<>();

        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", "messages-small.csv");
            m.put("totalLines", totalLines);
            m.put("headerLines", headerLines);
            m.put("dataRows", dataRows);
            m.put("blankLines", 0);
            m.put("goodRows", goodRows);
            m.put("brokenRows", brokenRows);
            m.put("brokenByReason", brokenByReason);
            m.put("duplicatesExact", 0);
            m.put("duplicatesAfterNormalization", 0);
            m.put("itemsAfterDedup", itemsAfterDedup);
            Map<String, Integer> pii = new LinkedHashMap<>();
            for (String k : List.of("email", "phone", "idCard", "bankCard", "total")) pii.put(k, 0);
            m.put("pii", pii);
            m.put("sensitiveRows", 0);
            m.put("classCountsAll", classCountsAll);
            m.put("languages", languages);
            return m;
        }
    }

    static void writeJson(StringBuilder b, Object v, int indent) {
        if (v instanceof Map) {
            Map<?, ?> m = (Map<?, ?>) v;
            boolean flat = m.values().stream().allMatch(x -> x instanceof Number);
            if (flat) {
                b.append('{');
                int i = 0;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    if (i++ > 0) b.append(", ");
                    b.append(js(e.getKey().toString())).append(": ").append(e.getValue());
                }
                b.append('}');
                return;
            }
            b.append("{\n");
            int i = 0;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (i++ > 0) b.append(",\n");
                b.append(" ".repeat(indent + 2)).append(js(e.getKey().toString())).append(": ");
                writeJson(b, e.getValue(), indent + 2);
            }
            b.append('\n').append(" ".repeat(indent)).append('}');
        } else if (v instanceof String) {
            b.append(js((String) v));
        } else {
            b.append(v);
        }
    }

    // ================================================================= README

    private static String readme(Composition c) {
        CsvComposition s = c.csvSmall;
        StringBuilder b = new StringBuilder();
        b.append("# Sample: customer-service messages (text classification)\n\n");
        b.append("Synthetic customer-service messages sent to a combined power and telecom provider (electricity, "
                + "broadband, mobile, IPTV) over app, phone (transcribed), web and WeChat, in Chinese and English. "
                + "Five intents: `billing`, `outage`, `installation`, `complaint`, `account`. The file is deliberately "
                + "dirty, and every defect is counted exactly in `expected.json`, so the collect → process → label → QC "
                + "steps can be tested against known numbers.\n\n");
        b.append("Generated by `SampleGenerator` (`workflows/src/test/java/io/refinery/workflows/samples/`), seed ")
                .append(c.seed).append(". Do not edit these files by hand; from the repository root run\n\n")
                .append("```\njava workflows/src/test/java/io/refinery/workflows/samples/SampleGenerator.java "
                        + "workflows/src/main/resources/samples/customer-service\n```\n\n")
                .append("(add `-Dfile.encoding=UTF-8` if the JVM's default charset is not UTF-8). "
                        + "`SampleCompositionTest` fails if the shipped files and the generator differ by one byte, and "
                        + "re-checks the counts below with its own code.\n\n");
        b.append("Everything is invented: e-mail addresses use example.com/.net/.org, and phone, ID and card numbers "
                + "are random digits that merely have the right shape and check digit.\n\n");

        b.append("## Files\n\n| file | content |\n|---|---|\n");
        b.append("| `messages.jsonl` | ").append(c.totalLines).append(" lines: ").append(c.goodRows)
                .append(" good rows, ").append(c.brokenRows).append(" broken rows, ").append(c.blankLines)
                .append(" blank lines |\n");
        b.append("| `answers.csv` | `id,intent` for every good row of `messages.jsonl` (duplicates included, broken rows not), in file order |\n");
        b.append("| `messages-small.csv` | ").append(s.dataRows).append(" data rows (").append(s.goodRows)
                .append(" good, ").append(s.brokenRows).append(" broken) with header `id,text,channel,created_at,region` |\n");
        b.append("| `answers-small.csv` | `id,intent` for the good rows of `messages-small.csv` |\n");
        b.append("| `sensitive-terms.txt` | ").append(SENSITIVE_TERMS.size())
                .append(" terms a telecom operator flags (telecom fraud, gambling, money laundering), one per line, UTF-8 |\n");
        b.append("| `expected.json` | the exact composition (numbers below); `classCountsAll` counts all good rows by "
                + "true intent, `classCounts` the rows left after dedup; `pii` counts occurrences, `piiRows` rows |\n\n");

        b.append("## Record format (`messages.jsonl`)\n\n");
        b.append("UTF-8, one JSON object per line, LF line ends, the file ends with LF. A good row:\n\n```json\n")
                .append("{\"id\":\"cs-00001\",\"text\":\"...\",\"channel\":\"app\",\"created_at\":\"2026-03-01T08:15:00Z\",\"region\":\"杭州\"}\n```\n\n");
        b.append("- `id` (string, required), `text` (string, required, not blank), `channel` (`app|phone|web|wechat`), "
                + "`created_at` (ISO-8601 UTC), `region` (city).\n");
        b.append("- ").append(c.asciiEscapedRows).append(" good rows escape all non-ASCII characters as `\\uXXXX` (as Python's "
                + "`json.dumps` does, emoji as surrogate pairs): parse the JSON, do not grep the raw line.\n");
        b.append("- Good texts are 10–200 characters; some carry emoji.\n");
        b.append("- Ids `cs-NNNNN` count every non-blank line, so they are unique and have gaps where a broken row "
                + "took a number (a `missing_id` row still used one).\n\n");

        b.append("## Collector rules (applied in this order; each broken row breaks exactly one rule)\n\n");
        b.append("| # | check | result |\n|---|---|---|\n");
        b.append("| 1 | line empty or only spaces/tabs | skipped silently, not an item, not quarantined (`blankLines`) |\n");
        b.append("| 2 | line longer than ").append(MAX_LINE_BYTES).append(" bytes (64 KiB, LF excluded) | quarantine `line_too_long` |\n");
        b.append("| 3 | bytes are not strict UTF-8 (malformed, truncated, overlong, encoded surrogates, > U+10FFFF; decoder set to REPORT) | `invalid_utf8` |\n");
        b.append("| 4 | line is not exactly one JSON value: syntax error, truncated, single quotes, unquoted names, trailing comma, "
                + "raw control character in a string, invalid escape such as `\\'`, anything after the value "
                + "(with Jackson enable `DeserializationFeature.FAIL_ON_TRAILING_TOKENS`, it is off by default) | `invalid_json` |\n");
        b.append("| 5 | valid JSON but not an object (`[...]`, `\"...\"`, number, `null`) | `not_an_object` |\n");
        b.append("| 6 | no `id` member (a `msg_id` does not count) | `missing_id` |\n");
        b.append("| 7 | no `text` member (`content`, `message`, `body` do not count) | `missing_text` |\n");
        b.append("| 8 | `text` empty or whitespace only (`String.isBlank()`) | `blank_text` |\n");
        b.append("| 9 | `text` longer than ").append(MAX_TEXT_CHARS)
                .append(" characters (code points; all long texts are BMP-only, so UTF-16 length is the same) | `text_too_long` |\n\n");
        b.append("`id` and `text` are strings wherever present.\n\n");

        b.append("## Normalization and deduplication\n\n");
        b.append("- normalized text = Unicode NFKC (`java.text.Normalizer.Form.NFKC`), then every run of whitespace becomes one "
                + "U+0020, then leading/trailing whitespace is removed. After NFKC the sample only contains U+0020 and "
                + "TAB as whitespace (NFKC turns the ideographic space U+3000 into U+0020), so `\\s+` and "
                + "`Character.isWhitespace` give the same result.\n");
        b.append("- dedup key = SHA-256 of the UTF-8 bytes of the normalized text; the first occurrence in file order is kept.\n");
        b.append("- `duplicatesExact` rows have a `text` identical to an earlier row's; `duplicatesNormalizedOnly` rows differ "
                + "from an earlier row only by full-width/half-width forms (`ＡＰＰ`/`APP`, `，`/`,`, `？`/`?`, `￥`/`¥`) "
                + "or by extra whitespace (double spaces, tabs, U+3000, leading/trailing). "
                + "`duplicatesAfterNormalization` = both.\n");
        b.append("- Duplicate rows (and the rows they copy) contain no personal data, decoy or sensitive term. "
                + "Texts are also unique after masking, so dedup before or after masking gives the same `itemsAfterDedup`.\n\n");

        b.append("## Personal data: detection and masking\n\n");
        b.append("Applied to `text` in this order; each match is replaced by its token.\n\n");
        b.append("| kind | token | rule |\n|---|---|---|\n");
        b.append("| e-mail | `[EMAIL]` | `[A-Za-z0-9._%+-]+@(?:[A-Za-z0-9-]+\\.)+[A-Za-z]{2,}` |\n");
        b.append("| Chinese resident ID | `[ID_CARD]` | 17 ASCII digits + digit or `X`/`x`, not preceded or followed by an ASCII "
                + "letter or digit, **and** a valid GB 11643-1999 check character (weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, "
                + "sum mod 11 → `10X98765432`) |\n");
        b.append("| bank card | `[BANK_CARD]` | 16–19 ASCII digits, not preceded or followed by an ASCII letter or digit, "
                + "not a valid ID number, **and** a valid Luhn check digit. Only contiguous digits (no spaces) |\n");
        b.append("| mobile phone | `[PHONE]` | `(?<![0-9+])(\\+86 ?)?1[3-9][0-9]{9}(?![0-9])`: 11 digits `1[3-9]…`, written plain, "
                + "as `+86` + 11 digits or `+86 ` + 11 digits; the `+86` prefix is part of the match. Dashed forms like "
                + "`138-1234-5678` are not used in this sample |\n\n");
        b.append("Because phones need non-digit neighbours and IDs/cards are whole digit runs, no ID or card contains a "
                + "phone match. No valid ID passes Luhn and no card is 18 digits, so no token is both. No other digit run "
                + "in the sample has 11 or more digits (account numbers have 10).\n\n");
        b.append("Decoys that must **not** be masked: `idBadChecksum` = ID-shaped 18-digit numbers (valid region and birth "
                + "date) with a wrong check digit, presented as contract/installation numbers (they also fail Luhn); "
                + "`cardBadLuhn` = 16-digit meter numbers failing Luhn; `orderNumber` = `ORD-yyyyMMdd-NNNN`.\n\n");

        b.append("## Sensitive terms\n\n");
        b.append("`sensitive-terms.txt` holds one term per line (no comments). A row is sensitive if its NFKC-normalized "
                + "text contains a term, compared case-insensitively as a plain substring. Each of the `sensitiveRows` rows "
                + "contains exactly one term once and no personal data. ")
                .append(String.format(Locale.ROOT, "Raw ratio: %d / %d = %.2f%% (above the 0.1%% gate of the mission).",
                        c.sensitiveRows, c.goodRows, 100.0 * c.sensitiveRows / c.goodRows)).append("\n\n");

        b.append("## Composition of `messages.jsonl`\n\n| measure | count |\n|---|---|\n");
        row(b, "total lines", c.totalLines);
        row(b, "blank lines (skipped)", c.blankLines);
        row(b, "good rows", c.goodRows);
        row(b, "broken rows (quarantined)", c.brokenRows);
        for (Map.Entry<String, Integer> e : c.brokenByReason.entrySet()) row(b, "&nbsp;&nbsp;`" + e.getKey() + "`", e.getValue());
        row(b, "exact duplicates", c.duplicatesExact);
        row(b, "duplicates only after normalization", c.duplicatesNormalizedOnly);
        row(b, "duplicates after normalization (total)", c.duplicatesAfterNormalization);
        row(b, "items after dedup", c.itemsAfterDedup);
        for (Map.Entry<String, Integer> e : c.pii.entrySet()) row(b, "PII `" + e.getKey() + "`", e.getValue());
        row(b, "rows with PII", c.piiRows);
        for (Map.Entry<String, Integer> e : c.phoneFormats.entrySet()) row(b, "&nbsp;&nbsp;phone format `" + e.getKey() + "`", e.getValue());
        row(b, "ID numbers ending in X", c.idCardsEndingInX);
        for (Map.Entry<String, Integer> e : c.decoys.entrySet()) row(b, "decoy `" + e.getKey() + "`", e.getValue());
        row(b, "rows with a sensitive term", c.sensitiveRows);
        b.append('\n');
        b.append("| intent | good rows | after dedup |\n|---|---|---|\n");
        for (String i : INTENTS) {
            b.append("| `").append(i).append("` | ").append(c.classCountsAll.get(i)).append(" | ")
                    .append(c.classCounts.get(i)).append(" |\n");
        }
        b.append("| language `zh` | ").append(c.languages.get("zh")).append(" | ").append(c.languagesAfterDedup.get("zh")).append(" |\n");
        b.append("| language `en` | ").append(c.languages.get("en")).append(" | ").append(c.languagesAfterDedup.get("en")).append(" |\n\n");

        b.append("## `messages-small.csv`\n\n");
        b.append("RFC 4180 style with LF line ends: header `id,text,channel,created_at,region`, fields with a comma or quote "
                + "are quoted, quotes doubled, no line breaks inside fields. ").append(s.dataRows).append(" data rows: ")
                .append(s.goodRows).append(" good, and one each of `wrong_column_count` (an unquoted comma in the text), "
                        + "`missing_text` (empty text field) and `invalid_utf8` (a GBK-encoded text). No duplicates, "
                        + "personal data or sensitive terms; no text repeats one of `messages.jsonl`.\n\n");

        b.append("## 中文说明\n\n");
        b.append("本样例模拟一家电力+通信企业的客服留言（中文约六成、英文约四成），意图五类：账单 billing、故障停电断网 outage、"
                + "报装安装 installation、投诉 complaint、账户 account。文件故意掺入脏数据，所有数量都精确记录在 `expected.json`：\n\n");
        b.append("- 采集规则：空行直接跳过（不隔离）；单行超过 64 KiB、非法 UTF-8、JSON 语法错误（含值之后的多余内容）、"
                + "不是 JSON 对象、缺 `id`、缺 `text`、`text` 为空白、`text` 超过 2000 字符的行进入隔离区，原因见上表。\n");
        b.append("- 归一化：先 NFKC，再把连续空白合并成一个空格并去掉首尾空白；去重键为归一化文本的 SHA-256，保留首次出现。"
                + "精确重复 ").append(c.duplicatesExact).append(" 行，仅全角/半角或空白不同的重复 ")
                .append(c.duplicatesNormalizedOnly).append(" 行，去重后 ").append(c.itemsAfterDedup).append(" 条。\n");
        b.append("- 个人信息：邮箱 `[EMAIL]`、手机号 `[PHONE]`（11 位，或 `+86`/`+86 ` 加 11 位，前后不能紧挨数字）、"
                + "身份证号 `[ID_CARD]`（18 位，GB 11643-1999 校验位正确）、银行卡号 `[BANK_CARD]`（16–19 位，Luhn 校验正确）。"
                + "校验位错误的 18 位编号、Luhn 不通过的 16 位表号和 `ORD-` 订单号是干扰项，不得脱敏。\n");
        b.append("- 敏感词见 `sensitive-terms.txt`（每行一个，不区分大小写的子串匹配），含敏感词的行共 ")
                .append(c.sensitiveRows).append(" 行。\n");
        b.append("- 文件由 `SampleGenerator` 生成，请勿手工修改；`SampleCompositionTest` 会逐字节比对并独立复核上述数量。\n");
        return b.toString();
    }

    private static void row(StringBuilder b, String what, int n) {
        b.append("| ").append(what).append(" | ").append(n).append(" |\n");
    }
}
