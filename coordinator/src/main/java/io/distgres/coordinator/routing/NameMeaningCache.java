package io.distgres.coordinator.routing;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.distgres.coordinator.execution.SessionAccess;
import io.distgres.coordinator.metadata.DdlEpoch;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Answers about what a name means for a session (which relation a table name is, whether a function name
 * is an aggregate), shared by sessions with the same user, role and search_path until DDL advances the
 * {@link DdlEpoch}. Nothing is cached while the epoch is unwatched, nor for a session whose own DDL or
 * SET search_path is not yet committed (only its own connection knows what names mean then).
 *
 * @param <V> the answer
 */
final class NameMeaningCache<V> {
    /** Entries kept at most; past it the least used go (answers are cheap to read again). */
    private static final int MAX_ENTRIES = 10_000;

    private final DdlEpoch epoch;
    private final Predicate<V> shareable;
    private final Cache<Key, Answer<V>> answers = Caffeine.newBuilder().maximumSize(MAX_ENTRIES).recordStats().build();

    NameMeaningCache(DdlEpoch epoch) {
        this(epoch, value -> true);
    }

    /** @param shareable whether an answer holds for every session (not one seen through a temporary object) */
    NameMeaningCache(DdlEpoch epoch, Predicate<V> shareable) {
        this.epoch = requireNonNull(epoch, "epoch is null");
        this.shareable = requireNonNull(shareable, "shareable is null");
    }

    /** What a name means depends on these: "$user" (the login user, or SET ROLE's) and the search_path. */
    private record Key(String user, String role, String searchPath, String name) {
    }

    /** An answer and the epoch it was read in. */
    private record Answer<V>(long epoch, V value) {
    }

    /** The answer for {@code name}, else {@code lookUp}'s (not under a map lock: it queries the database). */
    V get(String name, SessionAccess session, Function<String, V> lookUp) {
        boolean cacheable = epoch.watched() && !session.namesMayHaveChanged();
        Map<String, String> settings = session.settings();
        Key key = new Key(session.user(), settings.getOrDefault("role", ""), settings.getOrDefault("search_path", ""),
                name);
        long readIn = epoch.current();
        if (cacheable) {
            Answer<V> known = answers.getIfPresent(key);
            if (known != null && known.epoch() == readIn) {
                return known.value();
            }
        }
        V value = lookUp.apply(name);
        if (cacheable && shareable.test(value)) {
            // tagged with the epoch read before the lookup: DDL committed meanwhile makes it stale at once
            answers.put(key, new Answer<>(readIn, value));
        }
        return value;
    }
}
