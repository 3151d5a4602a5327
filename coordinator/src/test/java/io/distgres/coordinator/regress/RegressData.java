package io.distgres.coordinator.regress;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The differential suite's rows, generated from a fixed seed so every run (and both databases)
 * sees the same few thousand rows: NULLs, duplicates, ties, empty strings next to NULLs, mixed
 * case and accents, NaN and infinities, bigint keys past the int range. Each table comes out as
 * {@code COPY ... FROM STDIN} text.
 */
final class RegressData {
    private static final long SEED = 20261128L;
    private static final int USERS = 1000;
    private static final List<Long> BIG_USER_IDS = List.of(3_000_000_000L, 3_000_000_001L, 9_000_000_000_000L);

    private static final List<String> NAMES = List.of("Ana", "ana", "ANA", "Álvaro", "alvaro", "Zoë", "zoe",
            "Émile", "émile", "Bob", "bob", "O'Brien", "Łukasz", "straße", "Ångström", "_under", "Chloé",
            "ñandú", "Ana Maria", "tab\there", "Zed", "zed", "Eve", "eve", "Mallory");
    private static final List<String> COUNTRY_CODES = List.of("US", "DE", "FR", "BR", "JP", "IN", "ES", "SE",
            "PL", "ZZ");
    private static final List<String> TAGS = List.of("vip", "new", "beta", "churn", "eu");
    private static final List<String> PLANS = List.of("free", "pro", "team");
    private static final List<String> STATUSES = List.of("new", "paid", "shipped", "cancelled", "Returned");
    private static final List<String> EVENT_TYPES = List.of("click", "view", "purchase", "Login", "logout");
    private static final List<String> DEVICES = List.of("ios", "android", "web", "Web");
    private static final LocalDateTime EPOCH = LocalDateTime.of(2021, 1, 1, 0, 0);
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** One table's rows as COPY text (tab-separated, {@code \N} for NULL, one row per line). */
    record TableRows(String table, String copyText, int rowCount) {
    }

    private final Random random = new Random(SEED);

    /** Every table's rows, in load order. */
    static List<TableRows> generate() {
        RegressData data = new RegressData();
        return List.of(data.countries(), data.categories(), data.users(), data.orders(), data.events(),
                data.products(), data.sessions(), data.promotions(), data.userStats(), data.readings());
    }

    private TableRows countries() {
        String[][] rows = {{"US", "United States", "Americas"}, {"DE", "Germany", "Europe"},
                {"FR", "France", "Europe"}, {"BR", "Brasil", "Americas"}, {"JP", "Japan", "Asia"},
                {"IN", "India", "Asia"}, {"ES", "España", "Europe"}, {"SE", "Sverige", "Europe"},
                {"PL", "Polska", null}, {"CN", "China", "Asia"}};
        return table("countries", Arrays.stream(rows).map(Arrays::asList).toList());
    }

    private TableRows categories() {
        List<List<String>> rows = new ArrayList<>();
        String[] names = {"Books", "books", "Electronics", "Garden", "Toys", "Café", "Music", "Films", "Sport",
                "Outdoor", "Kitchen", "Tools", "Games", "Art", "Ärzte", "Health", "Beauty", "Auto", "Pets", ""};
        for (int id = 1; id <= names.length; id++) {
            rows.add(Arrays.asList(Integer.toString(id), names[id - 1], id <= 4 ? null : Integer.toString(1 + id % 4)));
        }
        return table("categories", rows);
    }

    private TableRows users() {
        List<List<String>> rows = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        for (long id = 1; id <= USERS; id++) {
            ids.add(id);
        }
        ids.addAll(BIG_USER_IDS);
        for (long id : ids) {
            String name = maybe(0.05, () -> random.nextInt(30) == 0 ? "" : pick(NAMES));
            String email = maybe(0.08, () -> random.nextInt(40) == 0 ? "" : "user" + (id % 700) + "@example.com");
            rows.add(Arrays.asList(Long.toString(id), name, email, maybe(0.05, () -> pick(COUNTRY_CODES)),
                    maybe(0.05, () -> Integer.toString(18 + random.nextInt(63))),
                    maybe(0.05, this::float8),
                    maybe(0.05, () -> cents(-5_000_000, 10_000_000)),
                    maybe(0.1, () -> random.nextBoolean() ? "t" : "f"),
                    date(1500),
                    timestamp(40_000) + "+00",
                    maybe(0.15, () -> timestamp(45_000)),
                    maybe(0.1, this::textArray),
                    maybe(0.1, this::profile)));
        }
        return table("users", rows);
    }

    private TableRows orders() {
        List<List<String>> rows = new ArrayList<>();
        for (int orderId = 1; orderId <= 3000; orderId++) {
            long userId = orderId % 250 == 0 ? pick(BIG_USER_IDS) : 1 + skewed(USERS);
            rows.add(Arrays.asList(Integer.toString(orderId), Long.toString(userId),
                    maybe(0.05, () -> random.nextInt(40) == 0 ? "999" : Integer.toString(1 + random.nextInt(200))),
                    maybe(0.03, () -> pick(STATUSES)),
                    maybe(0.05, () -> Integer.toString(1 + random.nextInt(10))),
                    maybe(0.02, () -> cents(1, 100_000)),
                    maybe(0.2, () -> Double.toString(random.nextInt(51) / 100.0)),
                    random.nextInt(10) == 0 ? "t" : "f",
                    timestamp(40_000) + "+00",
                    maybe(0.3, () -> date(1600))));
        }
        return table("orders", rows);
    }

    private TableRows events() {
        List<List<String>> rows = new ArrayList<>();
        for (int eventId = 1; eventId <= 3000; eventId++) {
            long userId = 1 + skewed(USERS);
            String value = switch (eventId) {
                case 17 -> "NaN";
                case 1234 -> "Infinity";
                case 2222 -> "-Infinity";
                default -> maybe(0.05, this::float8);
            };
            rows.add(Arrays.asList(Integer.toString(eventId), Long.toString(userId),
                    maybe(0.02, () -> pick(EVENT_TYPES)),
                    maybe(0.05, () -> Integer.toString(random.nextInt(5000))),
                    value,
                    timestamp(20_000),
                    maybe(0.2, () -> "{\"page\": \"/p/" + random.nextInt(30) + "\", \"ms\": " + random.nextInt(900)
                            + "}")));
        }
        return table("events", rows);
    }

    private TableRows products() {
        List<List<String>> rows = new ArrayList<>();
        for (int id = 1; id <= 200; id++) {
            int labelCount = random.nextInt(4);
            List<String> labels = new ArrayList<>();
            for (int i = 0; i < labelCount; i++) {
                labels.add(Integer.toString(random.nextInt(9)));
            }
            rows.add(Arrays.asList(Integer.toString(id), maybe(0.05, () -> Integer.toString(1 + random.nextInt(20))),
                    id % 37 == 0 ? null : "Product " + (id % 60) + (id % 3 == 0 ? " Deluxe" : ""),
                    maybe(0.03, () -> cents(99, 50_000)),
                    maybe(0.05, () -> Double.toString(random.nextInt(10_000) / 8.0)),
                    maybe(0.05, () -> random.nextBoolean() ? "t" : "f"),
                    "{" + String.join(",", labels) + "}"));
        }
        return table("products", rows);
    }

    private TableRows sessions() {
        List<List<String>> rows = new ArrayList<>();
        for (int id = 1; id <= 1500; id++) {
            long userId = id % 100 == 0 ? 5000 + id : 1 + skewed(USERS);
            rows.add(Arrays.asList(Integer.toString(id), Long.toString(userId), maybe(0.05, () -> pick(DEVICES)),
                    timestamp(40_000) + "+00", maybe(0.05, () -> Integer.toString(random.nextInt(50)))));
        }
        return table("sessions", rows);
    }

    private TableRows promotions() {
        List<List<String>> rows = new ArrayList<>();
        for (int id = 1; id <= 100; id++) {
            rows.add(Arrays.asList(Integer.toString(id), maybe(0.1, () -> Integer.toString(1 + random.nextInt(USERS))),
                    maybe(0.1, () -> Integer.toString(1 + random.nextInt(200))),
                    Integer.toString(5 * (1 + random.nextInt(10))), date(1500),
                    id % 10 == 0 ? "" : "PROMO" + (id % 30)));
        }
        return table("promotions", rows);
    }

    private TableRows userStats() {
        List<List<String>> rows = new ArrayList<>();
        for (int id = 1; id <= 50; id++) {
            rows.add(Arrays.asList(Integer.toString(id), "0", "0.00", null));
        }
        return table("user_stats", rows);
    }

    /** Keys 7h13m apart from 2021-01-01 UTC, written with their offset (the queries name some of them). */
    private TableRows readings() {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            rows.add(Arrays.asList(EPOCH.plusMinutes(i * 433L).format(TIMESTAMP) + "+00",
                    Integer.toString(1 + random.nextInt(20)), maybe(0.05, this::float8)));
        }
        return table("readings", rows);
    }

    private String maybe(double nullProbability, Supplier<String> value) {
        return random.nextDouble() < nullProbability ? null : value.get();
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** Keys in {@code [0, bound)}, low ones more often: users with many rows, users with none. */
    private long skewed(int bound) {
        double u = random.nextDouble();
        return (long) (u * u * bound);
    }

    private String float8() {
        return switch (random.nextInt(10)) {
            case 0 -> "50";
            case 1 -> "-0.5";
            default -> Double.toString(random.nextDouble() * 200 - 50);
        };
    }

    private String cents(long minimum, long maximum) {
        long value = minimum + (long) (random.nextDouble() * (maximum - minimum));
        if (random.nextInt(8) == 0) {
            value = value / 1000 * 1000;
        }
        return java.math.BigDecimal.valueOf(value, 2).toPlainString();
    }

    private String date(int days) {
        return LocalDate.of(2020, 1, 1).plusDays(random.nextInt(days)).toString();
    }

    private String timestamp(int hours) {
        return EPOCH.plusSeconds(random.nextInt(hours) * 3600L + random.nextInt(3600)).format(TIMESTAMP);
    }

    private String textArray() {
        int count = random.nextInt(4);
        List<String> tags = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            tags.add(pick(TAGS));
        }
        return "{" + String.join(",", tags) + "}";
    }

    private String profile() {
        return "{\"plan\": \"" + pick(PLANS) + "\", \"level\": " + random.nextInt(10) + ", \"prefs\": {\"theme\": \""
                + (random.nextBoolean() ? "dark" : "light") + "\"}}";
    }

    private static TableRows table(String name, List<List<String>> rows) {
        String text = rows.stream().map(row -> row.stream().map(RegressData::copyField)
                        .collect(Collectors.joining("\t")) + "\n")
                .collect(Collectors.joining());
        return new TableRows(name, text, rows.size());
    }

    private static String copyField(String value) {
        if (value == null) {
            return "\\N";
        }
        return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }
}
