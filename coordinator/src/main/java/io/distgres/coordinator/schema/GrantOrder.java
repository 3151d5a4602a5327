package io.distgres.coordinator.schema;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Orders grants read from a catalog so that replaying them elsewhere works: a grant comes after the
 * grant that gave its grantor the right to make it (a grant option, an admin option), as
 * PostgreSQL records who granted what and refuses a grantor without that right.
 */
public final class GrantOrder {
    private GrantOrder() {
    }

    /**
     * @param grants       in catalog order
     * @param alwaysMay    grants whose grantor needs nothing given (an owner, a superuser)
     * @param needs        what a grant's grantor must have been given, as a key
     * @param gives        what a grant gives its grantee to grant onwards, as a key of the same kind
     */
    public static <T> List<T> order(List<T> grants, Predicate<T> alwaysMay, Function<T, String> needs,
                             Function<T, Optional<String>> gives) {
        List<T> remaining = new ArrayList<>(grants);
        List<T> ordered = new ArrayList<>();
        Set<String> given = new HashSet<>();
        while (!remaining.isEmpty()) {
            boolean progressed = false;
            for (var it = remaining.iterator(); it.hasNext(); ) {
                T grant = it.next();
                if (alwaysMay.test(grant) || given.contains(needs.apply(grant))) {
                    ordered.add(grant);
                    gives.apply(grant).ifPresent(given::add);
                    it.remove();
                    progressed = true;
                }
            }
            if (!progressed) {
                // a right held through a role membership: the catalog's order for the rest
                ordered.addAll(remaining);
                break;
            }
        }
        return ordered;
    }
}
