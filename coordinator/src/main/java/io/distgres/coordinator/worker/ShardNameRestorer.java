package io.distgres.coordinator.worker;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the shard names in a worker's error back into the names the client wrote: a shard
 * {@code orders_102008}, its constraint {@code orders_pkey_102008} and its indexes carry the
 * shard id as a suffix, which a client of one PostgreSQL would never see. Only quoted
 * identifiers ending in the id of a shard the task touched are changed, so values in a DETAIL
 * keep their text.
 */
public final class ShardNameRestorer {
    private static final Pattern SHARD_IN_TASK = Pattern.compile("\"[^\"]*_(\\d+)\"");
    private static final Pattern QUOTED_WITH_SUFFIX = Pattern.compile("\"([^\"()]*)_(\\d+)\"");
    private static final Pattern NAME_WITH_SUFFIX = Pattern.compile("^(.*)_(\\d+)$");
    /** PostgreSQL's privilege errors name the object unquoted: "permission denied for table t_102008". */
    private static final Pattern PRIVILEGE_ERROR = Pattern.compile(
            "^(permission denied for|must be owner of) (table|relation|index|sequence|view) (.+)_(\\d+)$");

    private final Set<String> shardIds;

    private ShardNameRestorer(Set<String> shardIds) {
        this.shardIds = shardIds;
    }

    /** A restorer for the shards {@code taskSql} names (ShardSql writes them as quoted identifiers). */
    public static ShardNameRestorer forTask(String taskSql) {
        Set<String> ids = new HashSet<>();
        Matcher m = SHARD_IN_TASK.matcher(taskSql == null ? "" : taskSql);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return new ShardNameRestorer(ids);
    }

    /** {@code text} with every quoted shard-suffixed name replaced by its base name; null stays null. */
    public String inText(String text) {
        if (text == null || text.isEmpty() || shardIds.isEmpty()) {
            return text;
        }
        Matcher privilege = PRIVILEGE_ERROR.matcher(text);
        if (privilege.matches() && shardIds.contains(privilege.group(4))) {
            return privilege.group(1) + " " + privilege.group(2) + " " + privilege.group(3);
        }
        Matcher m = QUOTED_WITH_SUFFIX.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            String replacement = shardIds.contains(m.group(2)) ? "\"" + m.group(1) + "\"" : m.group();
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A bare object name (the table or constraint field) without its shard suffix. */
    String inName(String name) {
        if (name == null || name.isEmpty() || shardIds.isEmpty()) {
            return name;
        }
        Matcher m = NAME_WITH_SUFFIX.matcher(name);
        return m.matches() && shardIds.contains(m.group(2)) ? m.group(1) : name;
    }
}
