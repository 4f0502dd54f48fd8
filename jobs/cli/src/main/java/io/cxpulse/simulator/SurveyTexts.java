package io.cxpulse.simulator;

import java.util.SplittableRandom;

/** Survey verbatims (the free text that sometimes comes with an NPS or CSAT score). */
final class SurveyTexts {

    private static final Phrases GOOD = Phrases.of(
            new String[] {"Quick and friendly, thanks!", "The agent really listened.", "Solved on the first call.",
                "Very happy with the service."},
            new String[] {"又快又专业，谢谢！", "客服很耐心。", "一次就解决了。", "服务非常满意。"},
            new String[] {"又快又專業，謝謝！", "客服很有耐心。", "一次就解決了。", "服務非常滿意。"});

    private static final Phrases MIXED = Phrases.of(
            new String[] {"Fine in the end, but it took too long.", "OK, though I had to call twice.", "Average."},
            new String[] {"最后解决了，但是太慢。", "还行，不过打了两次电话。", "一般般。"},
            new String[] {"最後解決了，但是太慢。", "還行，不過打了兩次電話。", "普普通通。"});

    private static final Phrases BAD = Phrases.of(
            new String[] {"Nobody cares about customers here.", "Waste of my time.", "Still not fixed, terrible.",
                "I'm looking at other providers."},
            new String[] {"根本不在乎客户。", "浪费我的时间。", "到现在还没修好，太差了。", "在考虑换别家了。"},
            new String[] {"根本不在乎客戶。", "浪費我的時間。", "到現在還沒修好，太差了。", "在考慮換別家了。"});

    private SurveyTexts() {}

    /** @param satisfaction 0 (furious) to 1 (delighted) */
    static String verbatim(double satisfaction, Language language, SplittableRandom rng) {
        Phrases phrases = satisfaction >= 0.7 ? GOOD : satisfaction >= 0.4 ? MIXED : BAD;
        return phrases.pick(language, rng);
    }
}
