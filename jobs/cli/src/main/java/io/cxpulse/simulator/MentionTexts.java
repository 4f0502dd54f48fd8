package io.cxpulse.simulator;

import java.util.SplittableRandom;

/** Public posts about the brand, positive and negative, composed from fragments in each language. */
final class MentionTexts {

    private static final Phrases PRAISE = Phrases.of(
            new String[] {"Shout-out to @Lumio support, fixed my issue in {minutes} minutes", "Really happy with my new Lumio phone",
                "Lumio delivery was super fast this time", "Great service at the Lumio store today",
                "Been with Lumio for years and still love it", "The Lumio app update is actually good"},
            new String[] {"Lumio客服{minutes}分钟就帮我解决了问题，点赞", "新买的Lumio手机很好用", "这次Lumio发货超快",
                "今天Lumio门店的服务很贴心", "用了好几年Lumio，依然很满意", "Lumio新版APP挺好用的"},
            new String[] {"Lumio客服{minutes}分鐘就幫我解決了問題，讚", "新買的Lumio手機很好用", "這次Lumio出貨超快",
                "今天Lumio門市的服務很貼心", "用了好幾年Lumio，依然很滿意", "Lumio新版APP挺好用的"});

    private static final Phrases RANTS = Phrases.of(
            new String[] {"Worst experience ever with Lumio", "Lumio charged me twice and nobody answers",
                "Waited {days} days for a Lumio delivery, still nothing", "Do NOT buy from Lumio, the quality is terrible",
                "Lumio customer service is a joke", "Cancelling Lumio after this"},
            new String[] {"Lumio是我遇过最差的体验", "Lumio重复扣款还没人理", "Lumio的快递等了{days}天还没到",
                "千万别买Lumio，质量太差", "Lumio客服就是个笑话", "受够了，准备退订Lumio"},
            new String[] {"Lumio是我遇過最差的體驗", "Lumio重複扣款還沒人理", "Lumio的速遞等了{days}天還沒到",
                "千萬別買Lumio，品質太差", "Lumio客服就是個笑話", "受夠了，準備取消Lumio"});

    private static final Phrases NEUTRAL = Phrases.of(
            new String[] {"Anyone tried the new Lumio plan?", "Is the Lumio store in town open on Sunday?",
                "Thinking about switching to Lumio"},
            new String[] {"有人用过Lumio的新套餐吗？", "Lumio门店周日营业吗？", "在考虑换成Lumio"},
            new String[] {"有人用過Lumio的新方案嗎？", "Lumio門市週日有營業嗎？", "在考慮換成Lumio"});

    private static final String[] HAPPY = {"👍", "❤️", "😊", "🎉", "✨", "💯"};
    private static final String[] ANGRY = {"😡", "👎", "🤬", "💔", "😤", "🙄"};
    private static final String[] HASHTAGS_EN = {"", " #Lumio", " #customerservice", " #fail", " #unboxing"};
    private static final String[] HASHTAGS_ZH = {"", " #Lumio#", " #避雷#", " #好物分享#", " #吐槽#"};

    private MentionTexts() {}

    /** @param tone below 0 a complaint, above 0 praise, near 0 a question */
    static String post(double tone, Language language, SplittableRandom rng) {
        String body;
        String[] emoji;
        if (tone > 0.15) {
            body = PRAISE.pick(language, rng);
            emoji = HAPPY;
        } else if (tone < -0.15) {
            body = RANTS.pick(language, rng);
            emoji = ANGRY;
        } else {
            body = NEUTRAL.pick(language, rng);
            emoji = null;
        }
        StringBuilder text = new StringBuilder(Fill.placeholders(body, rng));
        if (emoji != null && rng.nextDouble() < 0.6) {
            text.append(' ').append(emoji[rng.nextInt(emoji.length)]);
            if (rng.nextDouble() < 0.3) {
                text.append(emoji[rng.nextInt(emoji.length)]);
            }
        }
        String[] tags = language == Language.EN ? HASHTAGS_EN : HASHTAGS_ZH;
        text.append(tags[rng.nextInt(tags.length)]);
        return text.toString();
    }

    /** A post about a running incident: angry and on the incident's topic. */
    static String incidentPost(ComplaintCategory category, Language language, SplittableRandom rng) {
        String prefix = switch (language) {
            case EN -> "Is anyone else having this? ";
            case ZH_HANS -> "还有人遇到这个吗？";
            case ZH_HANT -> "還有人遇到這個嗎？";
        };
        return prefix + ComplaintTexts.opening(category, language, rng);
    }
}
