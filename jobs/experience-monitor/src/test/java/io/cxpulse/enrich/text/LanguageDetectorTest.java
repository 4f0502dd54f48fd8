package io.cxpulse.enrich.text;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LanguageDetectorTest {

    @Test
    void detectsChinese() {
        assertThat(LanguageDetector.detect("送餐太慢了")).isEqualTo("zh");
        assertThat(LanguageDetector.detect("服務態度很差")).isEqualTo("zh");
        assertThat(LanguageDetector.detect("这个app太卡了😡")).isEqualTo("zh");
        assertThat(LanguageDetector.detect("iPhone 15 的电池不耐用")).isEqualTo("zh");
        assertThat(LanguageDetector.detect("好")).isEqualTo("zh");
    }

    @Test
    void detectsEnglish() {
        assertThat(LanguageDetector.detect("The package never arrived")).isEqualTo("en");
        assertThat(LanguageDetector.detect("love it 😍")).isEqualTo("en");
        assertThat(LanguageDetector.detect("ＴＨＥ ＡＰＰ ＣＲＡＳＨＥＳ")).isEqualTo("en");
        assertThat(LanguageDetector.detect("ok")).isEqualTo("en");
    }

    @Test
    void otherLanguagesAndNoText() {
        assertThat(LanguageDetector.detect("配達がとても遅いです")).isEqualTo("other");
        assertThat(LanguageDetector.detect("배송이 너무 느려요")).isEqualTo("other");
        assertThat(LanguageDetector.detect("Доставка очень медленная")).isEqualTo("other");
        assertThat(LanguageDetector.detect("le service est très lent et je ne suis pas content")).isEqualTo("other");
        assertThat(LanguageDetector.detect("el pedido no llegó y nadie responde por que")).isEqualTo("other");
        assertThat(LanguageDetector.detect("😡😡😡")).isEqualTo("other");
        assertThat(LanguageDetector.detect("")).isEqualTo("other");
        assertThat(LanguageDetector.detect("12345")).isEqualTo("other");
    }
}
