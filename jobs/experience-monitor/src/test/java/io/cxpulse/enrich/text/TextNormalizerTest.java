package io.cxpulse.enrich.text;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextNormalizerTest {

    @Test
    void foldsTraditionalToSimplified() {
        assertThat(TextNormalizer.normalize("服務態度很差，問題一直沒有解決")).isEqualTo("服务态度很差,问题一直没有解决");
        assertThat(TextNormalizer.normalize("這個東西質量還不錯")).isEqualTo("这个东西质量还不错");
        assertThat(TextNormalizer.normalize("臺灣的外賣")).isEqualTo("台湾的外卖");
    }

    @Test
    void foldsFullWidthAndCase() {
        assertThat(TextNormalizer.normalize("ＡＰＰ　很卡！！ＯＫ１２３")).isEqualTo("app 很卡!!ok123");
        assertThat(TextNormalizer.normalize("Great PRODUCT")).isEqualTo("great product");
        assertThat(TextNormalizer.normalize("ｶﾀｶﾅ")).isEqualTo("カタカナ");
    }

    @Test
    void collapsesWhitespaceDropsInvisiblesKeepsEmoji() {
        assertThat(TextNormalizer.normalize("\uFEFFa \t\n b\u200B c")).isEqualTo("a b c");
        assertThat(TextNormalizer.normalize("love it ❤\uFE0F😍")).isEqualTo("love it ❤😍");
        assertThat(TextNormalizer.normalize("好。真的、不错")).isEqualTo("好.真的,不错");
    }

    @Test
    void bufferFormTruncatesWithoutSplittingSurrogates() {
        char[] out = new char[4];
        int n = TextNormalizer.normalize("abc😍", out);
        assertThat(n).isEqualTo(3);
        assertThat(TextNormalizer.fold('Ａ')).isEqualTo('a');
    }
}
