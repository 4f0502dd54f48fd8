package io.cxpulse.simulator;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** The customer base: built once from the seed, then drawn from in proportion to each customer's activity. */
final class Population {

    static final List<String> REGIONS = List.of("north", "east", "south", "west", "hk");
    static final List<String> PROFILE_PLATFORMS = List.of("weibo", "wechat", "douyin", "xiaohongshu", "twitter");

    private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "林"};
    private static final String[] SURNAMES_PINYIN = {"wang", "li", "zhang", "liu", "chen", "yang", "huang", "zhao", "wu",
        "zhou", "xu", "sun", "ma", "zhu", "hu", "lin"};
    private static final String[] GIVEN = {"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "洋", "艳", "杰", "娟", "涛", "明", "超", "霞", "婷", "晨"};
    private static final String[] GIVEN_PINYIN = {"wei", "fang", "na", "min", "jing", "li", "qiang", "lei", "yang", "yan",
        "jie", "juan", "tao", "ming", "chao", "xia", "ting", "chen"};
    private static final String[] FIRST_EN = {"Lily", "Jason", "Emily", "Kevin", "Grace", "Tony", "Cherry", "Eric",
        "Vivian", "Ryan", "Karen", "Alex", "Mandy", "Sam"};
    private static final String[] LAST_EN = {"Chan", "Wong", "Lee", "Cheung", "Lau", "Ng", "Smith", "Brown", "Tan", "Ho"};
    private static final String[] HANDLE_STYLES = {"%s_%s%d", "%s.%s.%d", "%s%s_%d", "i_am_%s%s%d"};

    private final List<Customer> customers;
    private final double[] cumulativeActivity;

    Population(int size, SplittableRandom rng) {
        List<Customer> built = new ArrayList<>(size);
        double[] cumulative = new double[size];
        double total = 0;
        for (int i = 0; i < size; i++) {
            Customer c = build(i, rng);
            built.add(c);
            total += c.activity();
            cumulative[i] = total;
        }
        this.customers = Collections.unmodifiableList(built);
        this.cumulativeActivity = cumulative;
    }

    List<Customer> all() {
        return customers;
    }

    /** An active customer: heavy users appear far more often than occasional ones, as in real traffic. */
    Customer draw(SplittableRandom rng) {
        double target = rng.nextDouble() * cumulativeActivity[cumulativeActivity.length - 1];
        int i = Arrays.binarySearch(cumulativeActivity, target);
        return customers.get(i >= 0 ? i : Math.min(-i - 1, customers.size() - 1));
    }

    private static Customer build(int index, SplittableRandom rng) {
        String id = String.format("cust-%06d", index + 1);
        String region = REGIONS.get(weighted(rng, 0.24, 0.28, 0.22, 0.14, 0.12));
        Language language = languageFor(region, rng);
        boolean chineseName = language != Language.EN || rng.nextDouble() < 0.3;
        String name;
        String first;
        String last;
        if (chineseName) {
            int s = rng.nextInt(SURNAMES.length);
            int g1 = rng.nextInt(GIVEN.length);
            boolean twoChar = rng.nextBoolean();
            int g2 = rng.nextInt(GIVEN.length);
            name = SURNAMES[s] + GIVEN[g1] + (twoChar ? GIVEN[g2] : "");
            first = GIVEN_PINYIN[g1] + (twoChar ? GIVEN_PINYIN[g2] : "");
            last = SURNAMES_PINYIN[s];
        } else {
            first = FIRST_EN[rng.nextInt(FIRST_EN.length)];
            last = LAST_EN[rng.nextInt(LAST_EN.length)];
            name = first + " " + last;
            first = first.toLowerCase();
            last = last.toLowerCase();
        }
        Personality personality = Personality.draw(rng.nextDouble());
        String tier = switch (weighted(rng, 0.06, 0.22, 0.72)) {
            case 0 -> "vip";
            case 1 -> "gold";
            default -> "standard";
        };
        String segment = rng.nextDouble() < 0.8 ? "consumer" : rng.nextDouble() < 0.8 ? "smb" : "enterprise";
        AccountManager manager = managerFor(region, rng);
        Map<String, String> handles = new LinkedHashMap<>();
        if (rng.nextDouble() < 0.55) {
            int count = 1 + rng.nextInt(3);
            for (int k = 0; k < count; k++) {
                String platform = PROFILE_PLATFORMS.get(rng.nextInt(PROFILE_PLATFORMS.size()));
                // the customer number in the handle keeps handles unique, so resolution is unambiguous
                String style = HANDLE_STYLES[rng.nextInt(HANDLE_STYLES.length)];
                handles.putIfAbsent(platform, "@" + String.format(style, first, last, index + 1));
            }
        }
        // activity is heavy-tailed: a few customers generate much of the traffic
        double activity = Math.exp(rng.nextGaussian() * 0.9) * (tier.equals("vip") ? 1.5 : 1.0);
        double ltvBase = switch (tier) {
            case "vip" -> 50_000;
            case "gold" -> 12_000;
            default -> 2_000;
        };
        double lifetimeValue = Math.round(ltvBase * Math.exp(rng.nextGaussian() * 0.6) * 100) / 100.0;
        String renewal = LocalDate.of(2026, 1, 1).plusDays(rng.nextInt(730)).toString();
        return new Customer(index, id, name, segment, tier, region, manager, Collections.unmodifiableMap(handles),
                rng.nextDouble() < 0.6, lifetimeValue, renewal, personality, language, activity);
    }

    private static Language languageFor(String region, SplittableRandom rng) {
        double u = rng.nextDouble();
        if (region.equals("hk")) {
            return u < 0.55 ? Language.ZH_HANT : u < 0.9 ? Language.EN : Language.ZH_HANS;
        }
        return u < 0.8 ? Language.ZH_HANS : u < 0.93 ? Language.EN : Language.ZH_HANT;
    }

    private static AccountManager managerFor(String region, SplittableRandom rng) {
        List<AccountManager> all = AccountManager.ALL;
        if (region.equals("hk")) {
            return all.get(4 + rng.nextInt(2));
        }
        return all.get(rng.nextInt(4));
    }

    private static int weighted(SplittableRandom rng, double... weights) {
        double u = rng.nextDouble();
        double acc = 0;
        for (int i = 0; i < weights.length; i++) {
            acc += weights[i];
            if (u < acc) {
                return i;
            }
        }
        return weights.length - 1;
    }
}
