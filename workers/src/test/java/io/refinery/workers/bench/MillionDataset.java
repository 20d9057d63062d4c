package io.refinery.workers.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Writes a JSONL set of customer-service messages in Chinese and English, deterministically (fixed seed): each
 * message is built from fragments (greeting, one or two problems with product, date and order number, personal
 * data in about 40% of them, a request, a closing), so distinct messages differ in more than a word. About 5% of
 * the rows repeat an earlier message up to white space (exact duplicates after normalization), about 3% repeat
 * one with a small edit (a changed character, added punctuation or a short addition: near duplicates), and one
 * row in 10,000 breaks a rule of collect (missing or blank text, text not a string, a row that is not an object,
 * a text over 2,000 characters). All rows are valid JSON, so a streaming parser can read the file in one go.
 */
final class MillionDataset {

    record Figures(long rows, long exactDuplicates, long nearDuplicates, long badRows, long bytes) {
    }

    private static final String[] ZH_GREETING = {"您好，", "你好，", "客服你好，", "在吗？", "麻烦问一下，", "亲，", "打扰一下，", ""};
    private static final String[] ZH_PRODUCT = {"蓝牙耳机", "羽绒服", "电饭煲", "运动鞋", "扫地机器人", "保温杯", "儿童书包",
            "机械键盘", "面霜", "空气净化器", "手机壳", "智能手表", "床上四件套", "咖啡机", "行李箱", "台灯"};
    private static final String[] ZH_PROBLEM = {"到现在还没有发货", "收到后发现外包装破损", "用了两天就坏了", "尺码不对想换大一号",
            "少发了一个配件", "颜色和图片上差别很大", "物流信息三天没有更新", "发票一直没有开", "充不进电", "有很重的异味",
            "快递员没打电话就放在驿站了", "说明书是英文的看不懂", "优惠券没有用上", "屏幕有一道划痕"};
    private static final String[] ZH_REQUEST = {"请尽快处理。", "能帮我查一下吗？", "我要申请退款。", "可以换货吗？", "请给我一个说法。",
            "麻烦安排上门取件。", "希望今天能回复我。", "请帮我催一下仓库。"};
    private static final String[] ZH_CLOSING = {"谢谢！", "辛苦了。", "等你们消息。", "", "多谢。"};
    private static final String[] EN_GREETING = {"Hi, ", "Hello, ", "Dear support, ", "Good morning. ", "Hey there, ", ""};
    private static final String[] EN_PRODUCT = {"wireless earbuds", "down jacket", "rice cooker", "running shoes",
            "robot vacuum", "water bottle", "school backpack", "mechanical keyboard", "face cream", "air purifier",
            "phone case", "smart watch", "bedding set", "coffee machine", "suitcase", "desk lamp"};
    private static final String[] EN_PROBLEM = {"still has not shipped", "arrived with a damaged box",
            "stopped working after two days", "is the wrong size and I need a larger one", "came without the charger",
            "looks nothing like the photos", "has had no tracking update for three days", "came without an invoice",
            "will not charge", "has a strong chemical smell", "was left at a pickup point without a call",
            "has a scratch on the screen", "was charged twice on my card"};
    private static final String[] EN_REQUEST = {"Please sort this out as soon as possible.", "Could you check what happened?",
            "I would like a refund.", "Can I exchange it?", "Please arrange a pickup.", "I expect an answer today.",
            "Please escalate this to your warehouse."};
    private static final String[] EN_CLOSING = {"Thanks!", "Thank you.", "Regards.", "", "Cheers."};
    private static final String[] CHANNEL = {"app", "web", "phone", "wechat", "email"};
    private static final String[] TIER = {"new", "regular", "gold", "platinum"};
    private static final int[] ID_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] ID_CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

    private MillionDataset() {
    }

    static Figures write(Path file, int rows, long seed) throws IOException {
        Random random = new Random(seed);
        String[] recent = new String[20_000];
        int recentCount = 0;
        long exact = 0;
        long near = 0;
        long bad = 0;
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
             JsonGenerator json = new JsonFactory().createGenerator(out)) {
            json.setRootValueSeparator(null);
            for (int i = 0; i < rows; i++) {
                double roll = random.nextDouble();
                String text;
                if (recentCount > 100 && roll < 0.05) {
                    text = whitespaceVariant(recent[random.nextInt(Math.min(recentCount, recent.length))], random);
                    exact++;
                } else if (recentCount > 100 && roll < 0.08) {
                    text = smallEdit(recent[random.nextInt(Math.min(recentCount, recent.length))], random);
                    near++;
                } else {
                    text = random.nextInt(5) < 3 ? chinese(random) : english(random);
                    recent[recentCount++ % recent.length] = text;
                }
                if (i % 10_000 == 5_000) {
                    badRow(json, i, random);
                    bad++;
                } else {
                    json.writeStartObject();
                    json.writeStringField("id", "cs-" + i);
                    json.writeStringField("text", text);
                    json.writeStringField("lang", text.chars().anyMatch(c -> c >= 0x4E00 && c <= 0x9FFF) ? "zh" : "en");
                    json.writeStringField("channel", CHANNEL[random.nextInt(CHANNEL.length)]);
                    json.writeStringField("created_at", String.format("2026-%02d-%02dT%02d:%02d:00Z",
                            1 + random.nextInt(11), 1 + random.nextInt(28), random.nextInt(24), random.nextInt(60)));
                    json.writeNumberField("customer_tier", random.nextInt(TIER.length));
                    json.writeEndObject();
                }
                json.writeRaw('\n');
            }
        }
        return new Figures(rows, exact, near, bad, Files.size(file));
    }

    private static void badRow(JsonGenerator json, int i, Random random) throws IOException {
        switch (random.nextInt(5)) {
            case 0 -> json.writeRaw("{\"id\":\"cs-" + i + "\",\"lang\":\"en\"}");
            case 1 -> json.writeRaw("{\"id\":\"cs-" + i + "\",\"text\":\"   \"}");
            case 2 -> json.writeRaw("{\"id\":\"cs-" + i + "\",\"text\":12345}");
            case 3 -> json.writeRaw("[\"cs-" + i + "\",\"not an object\"]");
            default -> json.writeRaw("{\"id\":\"cs-" + i + "\",\"text\":\"" + "很长的投诉".repeat(500) + "\"}");
        }
    }

    private static String chinese(Random r) {
        StringBuilder b = new StringBuilder(pick(ZH_GREETING, r));
        int problems = 1 + r.nextInt(2);
        for (int p = 0; p < problems; p++) {
            b.append(p == 0 ? "我" : "另外").append(1 + r.nextInt(12)).append("月").append(1 + r.nextInt(28)).append("号买的")
                    .append(pick(ZH_PRODUCT, r)).append(pick(ZH_PROBLEM, r)).append("，");
        }
        if (r.nextInt(10) < 8) {
            b.append("订单号").append(digits(r, 12 + r.nextInt(5))).append("，");
        }
        personalData(b, r, true);
        return b.append(pick(ZH_REQUEST, r)).append(pick(ZH_CLOSING, r)).toString();
    }

    private static String english(Random r) {
        StringBuilder b = new StringBuilder(pick(EN_GREETING, r));
        int problems = 1 + r.nextInt(2);
        for (int p = 0; p < problems; p++) {
            b.append(p == 0 ? "the " : "Also the ").append(pick(EN_PRODUCT, r)).append(" I bought on ")
                    .append(1 + r.nextInt(28)).append("/").append(1 + r.nextInt(12)).append(" ")
                    .append(pick(EN_PROBLEM, r)).append(". ");
        }
        if (r.nextInt(10) < 8) {
            b.append("Order number ").append(digits(r, 10 + r.nextInt(5))).append(". ");
        }
        personalData(b, r, false);
        return b.append(pick(EN_REQUEST, r)).append(' ').append(pick(EN_CLOSING, r)).toString().strip();
    }

    /** About 40% of messages carry personal data: a phone, an e-mail, an ID card or a bank card number. */
    private static void personalData(StringBuilder b, Random r, boolean zh) {
        switch (r.nextInt(10)) {
            case 0, 1 -> b.append(zh ? "我的电话是" : "My phone is ").append(r.nextBoolean() ? "+86 " : "")
                    .append("1").append(3 + r.nextInt(7)).append(digits(r, 9)).append(zh ? "，" : ". ");
            case 2 -> b.append(zh ? "邮箱" : "Email me at ").append("user").append(r.nextInt(100_000)).append('@')
                    .append(r.nextBoolean() ? "example.com" : "mail.example.cn").append(zh ? "，" : " please. ");
            case 3 -> b.append(zh ? "身份证号" : "My ID number is ").append(residentId(r)).append(zh ? "，" : ". ");
            default -> {
                if (r.nextInt(6) == 0) {
                    b.append(zh ? "退款请打到卡号" : "Refund to card ").append(bankCard(r)).append(zh ? "，" : ". ");
                }
            }
        }
    }

    private static String whitespaceVariant(String text, Random r) {
        return switch (r.nextInt(3)) {
            case 0 -> text;
            case 1 -> "  " + text + " ";
            default -> text.contains(" ") ? text.replaceFirst(" ", " \t ") : "\u3000" + text;
        };
    }

    private static String smallEdit(String text, Random r) {
        switch (r.nextInt(3)) {
            case 0 -> {
                int at = r.nextInt(text.length());
                char c = text.charAt(at);
                char replacement = Character.isDigit(c) ? (char) ('0' + (c - '0' + 1) % 10)
                        : c >= 0x4E00 && c <= 0x9FFF ? '的' : 'x';
                return text.substring(0, at) + replacement + text.substring(at + 1);
            }
            case 1 -> {
                return text + (text.chars().anyMatch(ch -> ch >= 0x4E00) ? "！！" : "!!");
            }
            default -> {
                return text.replace("，", "。").replace(", ", "... ");
            }
        }
    }

    private static String pick(String[] options, Random r) {
        return options[r.nextInt(options.length)];
    }

    private static String digits(Random r, int n) {
        StringBuilder b = new StringBuilder(n);
        b.append((char) ('1' + r.nextInt(9)));
        for (int i = 1; i < n; i++) {
            b.append((char) ('0' + r.nextInt(10)));
        }
        return b.toString();
    }

    private static String residentId(Random r) {
        String body = "11010" + (1 + r.nextInt(8)) + (1960 + r.nextInt(45)) + String.format("%02d%02d", 1 + r.nextInt(12),
                1 + r.nextInt(28)) + digits(r, 3);
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (body.charAt(i) - '0') * ID_WEIGHTS[i];
        }
        return body + ID_CHECK[sum % 11];
    }

    private static String bankCard(Random r) {
        String body = "62" + digits(r, 13 + r.nextInt(3));
        for (int check = 0; check < 10; check++) {
            if (luhn(body + check)) {
                return body + check;
            }
        }
        throw new IllegalStateException("some check digit fits");
    }

    private static boolean luhn(String digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (twice) {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }
}
