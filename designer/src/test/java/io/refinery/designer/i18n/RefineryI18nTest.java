package io.refinery.designer.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class RefineryI18nTest {
    private final RefineryI18n i18n = new RefineryI18n();

    @Test
    void shouldHaveEveryEnglishTextInChineseToo() throws IOException {
        assertThat(load("messages_zh_CN.properties").stringPropertyNames())
                .isEqualTo(load("messages.properties").stringPropertyNames());
    }

    @Test
    void shouldServeChineseForAnyChineseLocaleAndEnglishOtherwise() {
        assertThat(i18n.getTranslation("tasks.title", Locale.SIMPLIFIED_CHINESE)).isEqualTo("我的任务");
        assertThat(i18n.getTranslation("tasks.title", Locale.TRADITIONAL_CHINESE)).isEqualTo("我的任务");
        assertThat(i18n.getTranslation("tasks.title", Locale.GERMANY)).isEqualTo("My tasks");
        assertThat(i18n.getTranslation("tasks.title", null)).isEqualTo("My tasks");
    }

    @Test
    void shouldFormatCountsAndMarkMissingKeys() {
        assertThat(i18n.getTranslation("tasks.count", Locale.ENGLISH, 0)).isEqualTo("No open tasks");
        assertThat(i18n.getTranslation("tasks.count", Locale.ENGLISH, 1)).isEqualTo("1 open task");
        assertThat(i18n.getTranslation("tasks.count", Locale.ENGLISH, 1200)).isEqualTo("1,200 open tasks");
        assertThat(i18n.getTranslation("tasks.count", Locale.SIMPLIFIED_CHINESE, 3)).isEqualTo("共 3 个待办任务");
        assertThat(i18n.getTranslation("no.such.key", Locale.ENGLISH)).isEqualTo("!no.such.key!");
    }

    @Test
    void shouldPickTheLanguagesHalfOfABilingualBpmnName() {
        assertThat(RefineryI18n.bilingual("Approve demand / 审批需求", Locale.ENGLISH)).isEqualTo("Approve demand");
        assertThat(RefineryI18n.bilingual("Approve demand / 审批需求", Locale.SIMPLIFIED_CHINESE)).isEqualTo("审批需求");
        assertThat(RefineryI18n.bilingual("Check the data", Locale.SIMPLIFIED_CHINESE)).isEqualTo("Check the data");
        assertThat(RefineryI18n.bilingual(null, Locale.ENGLISH)).isEmpty();
    }

    private static Properties load(String name) throws IOException {
        Properties properties = new Properties();
        try (var in = RefineryI18nTest.class.getResourceAsStream("/i18n/" + name)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
