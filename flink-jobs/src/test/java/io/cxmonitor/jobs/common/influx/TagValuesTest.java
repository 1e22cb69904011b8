package io.cxmonitor.jobs.common.influx;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TagValuesTest {

    @Test
    void enumeratedTagsKeepTheirValuesOrBecomeOther() {
        assertThat(TagValues.normalize(Tag.PAGE_TYPE, "Checkout")).isEqualTo("checkout");
        assertThat(TagValues.normalize(Tag.PAGE_TYPE, "/product/12345")).isEqualTo("other");
        assertThat(TagValues.normalize(Tag.PLATFORM, "ANDROID")).isEqualTo("android");
        assertThat(TagValues.normalize(Tag.PLATFORM, "tizen")).isEqualTo("other");
        assertThat(TagValues.normalize(Tag.CHANNEL, "whatsapp")).isEqualTo("other");
        assertThat(TagValues.normalize(Tag.CHANNEL, null)).isEqualTo("unknown");
    }

    @Test
    void freeTagsAreCleanedAndShortened() {
        assertThat(TagValues.normalize(Tag.SCREEN, "Product Detail")).isEqualTo("product_detail");
        assertThat(TagValues.normalize(Tag.APP_VERSION, "5.2.1")).isEqualTo("5.2.1");
        assertThat(TagValues.normalize(Tag.SOURCE, "x".repeat(100))).hasSize(40);
        assertThat(TagValues.normalize(Tag.SCREEN, "Home")).isEqualTo(TagValues.normalize(Tag.SCREEN, "home "));
    }

    @Test
    void aValueIsWrittenAlikeWhateverCameBefore() {
        for (int i = 0; i < 10_000; i++) {
            TagValues.normalize(Tag.APP_VERSION, "build-" + i);
        }
        assertThat(TagValues.normalize(Tag.APP_VERSION, "build-brand-new")).isEqualTo("build-brand-new");
    }
}
