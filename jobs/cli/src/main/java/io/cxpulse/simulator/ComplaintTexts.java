package io.cxpulse.simulator;

import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Complaint texts composed as opener + problem + detail + demand (+ emoji), so that the stream holds hundreds of
 * distinct texts in English, simplified and traditional Chinese rather than a handful of repeated strings.
 */
final class ComplaintTexts {

    private static final Phrases OPENERS = Phrases.of(
            new String[] {"", "Hi,", "Hello, ", "This is the third time I'm writing. ", "Honestly disappointed. ",
                "Seriously? ", "Dear Lumio team, ", "I have been a customer for years and "},
            new String[] {"", "你好，", "客服你好，", "这已经是我第三次反映了。", "真的很失望。", "无语了，", "说实话，",
                "我是你们的老客户了，"},
            new String[] {"", "你好，", "客服你好，", "這已經是我第三次反映了。", "真的很失望。", "無語了，", "老實說，",
                "我是你們的老客戶了，"});

    private static final Phrases DEMANDS = Phrases.of(
            new String[] {"", " Please fix this today.", " I want a full refund.", " Nobody has called me back.",
                " If this isn't solved this week I will cancel.", " Please escalate to a manager.",
                " I expect compensation.", " Very poor service."},
            new String[] {"", "请尽快处理。", "我要求全额退款。", "到现在都没人回电话。", "这周再不解决我就退订。",
                "请让主管来处理。", "希望给个说法和补偿。", "服务太差了。"},
            new String[] {"", "請盡快處理。", "我要求全額退款。", "到現在都沒人回電話。", "這週再不解決我就取消。",
                "請讓主管來處理。", "希望給個說法和補償。", "服務太差了。"});

    private static final String[] EMOJI = {"😡", "😤", "🙄", "💔", "👎", "😢", "😞", "🤬"};

    private static final Map<ComplaintCategory, Phrases> PROBLEMS = new EnumMap<>(ComplaintCategory.class);

    static {
        PROBLEMS.put(ComplaintCategory.DELIVERY, Phrases.of(
                new String[] {"my order {order} is {days} days late", "the parcel was left outside and got wet",
                    "the courier marked {order} as delivered but I never received it",
                    "the box arrived crushed and half the items were missing"},
                new String[] {"订单{order}已经晚了{days}天还没到", "快递直接放门口被雨淋湿了",
                    "物流显示{order}已签收但我根本没收到", "箱子压坏了，少了一半东西"},
                new String[] {"訂單{order}已經遲了{days}天還沒到", "速遞直接放門口被雨淋濕了",
                    "物流顯示{order}已簽收但我根本沒收到", "箱子壓壞了，少了一半東西"}));
        PROBLEMS.put(ComplaintCategory.PRODUCT_QUALITY, Phrases.of(
                new String[] {"the device stopped working after {days} days", "the screen has dead pixels out of the box",
                    "the battery drains in a few hours", "the charger overheats and smells burnt"},
                new String[] {"设备用了{days}天就坏了", "屏幕开箱就有坏点", "电池几个小时就没电了", "充电器发烫还有焦味"},
                new String[] {"裝置用了{days}天就壞了", "螢幕開箱就有壞點", "電池幾個小時就沒電了", "充電器發燙還有焦味"}));
        PROBLEMS.put(ComplaintCategory.BILLING_REFUND, Phrases.of(
                new String[] {"I was charged twice ({amount} yuan) for {order}", "my refund of {amount} yuan is {days} days overdue",
                    "there is a fee on my bill I never agreed to", "you cancelled my order but kept the money"},
                new String[] {"订单{order}被重复扣款{amount}元", "退款{amount}元过了{days}天还没到账", "账单上多了我没同意的费用",
                    "订单取消了钱却没退"},
                new String[] {"訂單{order}被重複扣款{amount}元", "退款{amount}元過了{days}天還沒到帳", "帳單上多了我沒同意的費用",
                    "訂單取消了錢卻沒退"}));
        PROBLEMS.put(ComplaintCategory.WARRANTY_REPAIR, Phrases.of(
                new String[] {"the repair has taken {days} days already", "the warranty claim was rejected without reason",
                    "it came back from repair with the same fault", "the technician never showed up for the appointment"},
                new String[] {"维修已经拖了{days}天", "保修申请被无理拒绝", "修好寄回来还是同样的问题", "约好的师傅根本没上门"},
                new String[] {"維修已經拖了{days}天", "保養申請被無理拒絕", "修好寄回來還是同樣的問題", "約好的師傅根本沒上門"}));
        PROBLEMS.put(ComplaintCategory.WAIT_TIME, Phrases.of(
                new String[] {"I waited {minutes} minutes on the hotline", "the chat queue kept me waiting {minutes} minutes",
                    "I was transferred {times} times and then cut off", "the callback you promised never came"},
                new String[] {"热线等了{minutes}分钟", "在线客服排队{minutes}分钟", "被转接了{times}次然后挂断了", "说好的回电一直没有"},
                new String[] {"熱線等了{minutes}分鐘", "線上客服排隊{minutes}分鐘", "被轉接了{times}次然後掛斷了", "說好的回電一直沒有"}));
        PROBLEMS.put(ComplaintCategory.STAFF_ATTITUDE, Phrases.of(
                new String[] {"the agent was rude and hung up on me", "the store staff ignored me for {minutes} minutes",
                    "your agent laughed at my question", "the delivery guy shouted at my mother"},
                new String[] {"客服态度恶劣还直接挂电话", "门店店员{minutes}分钟没人理我", "客服居然嘲笑我的问题", "快递员对我妈大吼大叫"},
                new String[] {"客服態度惡劣還直接掛電話", "門市店員{minutes}分鐘沒人理我", "客服居然嘲笑我的問題", "速遞員對我媽大吼大叫"}));
        PROBLEMS.put(ComplaintCategory.APP_WEBSITE, Phrases.of(
                new String[] {"the app crashes every time I open my orders", "I can't log in since the last update",
                    "checkout fails with an error at payment", "the website shows the wrong price at checkout"},
                new String[] {"APP一打开订单页就闪退", "更新之后就登录不了", "付款时一直报错无法结账", "网站结账时价格显示错误"},
                new String[] {"APP一打開訂單頁就閃退", "更新之後就登入不了", "付款時一直報錯無法結帳", "網站結帳時價格顯示錯誤"}));
        PROBLEMS.put(ComplaintCategory.COUNTERFEIT, Phrases.of(
                new String[] {"the item I received looks fake", "the serial number of {order} does not verify",
                    "the packaging is obviously counterfeit"},
                new String[] {"收到的东西像是假货", "订单{order}的序列号查不到", "包装一看就是仿冒的"},
                new String[] {"收到的東西像是假貨", "訂單{order}的序號查不到", "包裝一看就是仿冒的"}));
        PROBLEMS.put(ComplaintCategory.PRIVACY_CONTACT, Phrases.of(
                new String[] {"I keep getting marketing calls after I opted out", "you sent me {times} promo texts today",
                    "someone else's order details were in my account"},
                new String[] {"已经退订了还一直接到推销电话", "今天收到{times}条促销短信", "我的账户里竟然有别人的订单信息"},
                new String[] {"已經退訂了還一直接到推銷電話", "今天收到{times}條促銷短訊", "我的帳戶裡竟然有別人的訂單資料"}));
        PROBLEMS.put(ComplaintCategory.PRICE, Phrases.of(
                new String[] {"the price dropped by {amount} yuan right after I bought", "new customers get a better deal than me",
                    "the monthly plan went up without notice"},
                new String[] {"刚买完就降价{amount}元", "新客户的优惠比老客户还好", "月费没通知就涨价了"},
                new String[] {"剛買完就減價{amount}元", "新客戶的優惠比老客戶還好", "月費沒通知就加價了"}));
        PROBLEMS.put(ComplaintCategory.ACCOUNT_SUBSCRIPTION, Phrases.of(
                new String[] {"I cannot cancel my subscription online", "my plan was renewed automatically without asking",
                    "my account was locked for no reason", "my membership points disappeared"},
                new String[] {"网上根本取消不了订阅", "没经过我同意就自动续费了", "账户莫名其妙被锁了", "会员积分不见了"},
                new String[] {"網上根本取消不了訂閱", "沒經過我同意就自動續費了", "帳戶莫名其妙被鎖了", "會員積分不見了"}));
    }

    private static final Phrases STILL_WAITING = Phrases.of(
            new String[] {"Still no answer.", "Any update? It has been {days} days.", "Nobody has contacted me yet.",
                "I called again, still nothing."},
            new String[] {"还是没有回复。", "有进展吗？已经{days}天了。", "到现在还没人联系我。", "又打了一次电话，还是没结果。"},
            new String[] {"還是沒有回覆。", "有進展嗎？已經{days}天了。", "到現在還沒人聯絡我。", "又打了一次電話，還是沒結果。"});

    private static final Phrases ESCALATION = Phrases.of(
            new String[] {"This is unacceptable, I want to speak to a supervisor.", "I will report this to the consumer council.",
                "Escalating because nothing has happened."},
            new String[] {"太过分了，我要找主管。", "我要向消协投诉。", "一直没处理，只能升级投诉了。"},
            new String[] {"太過分了，我要找主管。", "我要向消委會投訴。", "一直沒處理，只能升級投訴了。"});

    private static final Phrases RESOLVED = Phrases.of(
            new String[] {"Thanks, it's sorted now.", "Refund received, thank you.", "OK, problem solved.", "Fixed, finally."},
            new String[] {"谢谢，已经解决了。", "退款收到了，谢谢。", "好的，问题解决了。", "终于修好了。"},
            new String[] {"謝謝，已經解決了。", "退款收到了，謝謝。", "好的，問題解決了。", "終於修好了。"});

    private static final Phrases REOPENED = Phrases.of(
            new String[] {"The problem is back.", "It broke again, same issue.", "The refund was reversed, reopening."},
            new String[] {"问题又出现了。", "又坏了，还是同样的问题。", "退款又被撤回了，重新投诉。"},
            new String[] {"問題又出現了。", "又壞了，還是同樣的問題。", "退款又被撤回了，重新投訴。"});

    private ComplaintTexts() {}

    static String opening(ComplaintCategory category, Language language, SplittableRandom rng) {
        String opener = OPENERS.pick(language, rng);
        String problem = PROBLEMS.get(category).pick(language, rng);
        if (language == Language.EN) {
            problem = opener.isEmpty() || opener.endsWith(". ") || opener.endsWith("? ") ? capitalize(problem) : problem;
            if (opener.endsWith(",")) {
                opener += " ";
            }
        }
        String text = opener + problem + (language == Language.EN ? "." : "。") + DEMANDS.pick(language, rng);
        return Fill.placeholders(withEmoji(text.strip(), rng, 0.3), rng);
    }

    static String stillWaiting(Language language, SplittableRandom rng) {
        return Fill.placeholders(STILL_WAITING.pick(language, rng), rng);
    }

    static String escalation(Language language, SplittableRandom rng) {
        return withEmoji(ESCALATION.pick(language, rng), rng, 0.4);
    }

    static String resolved(Language language, SplittableRandom rng) {
        return withEmoji(RESOLVED.pick(language, rng), rng, 0.2, "👍", "🙏", "😊");
    }

    static String reopened(Language language, SplittableRandom rng) {
        return withEmoji(REOPENED.pick(language, rng), rng, 0.3);
    }

    private static String withEmoji(String text, SplittableRandom rng, double share, String... emoji) {
        if (rng.nextDouble() >= share) {
            return text;
        }
        String[] options = emoji.length == 0 ? EMOJI : emoji;
        return text + " " + options[rng.nextInt(options.length)];
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
