package io.distgres.coordinator.transaction;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which transaction waits for which, merged over all workers, and the transactions to cancel so
 * that no cycle is left: per cycle, its youngest transaction (highest number) of one coordinator.
 */
final class WaitForGraph {
    private final Map<String, Set<String>> waitsFor = new HashMap<>();

    /** {@code waitsFor}: each waiting transaction handle id and the handle ids it waits for. */
    WaitForGraph(Map<String, Set<String>> waitsFor) {
        waitsFor.forEach((waiter, holders) -> this.waitsFor.put(waiter, new HashSet<>(holders)));
    }

    /**
     * The victims among handle ids starting with {@code ownPrefix}; a cycle of other coordinators'
     * transactions only is left to their detectors.
     */
    Set<String> victims(String ownPrefix) {
        Set<String> victims = new LinkedHashSet<>();
        List<String> cycle;
        while (!(cycle = findCycle()).isEmpty()) {
            String victim = cycle.stream().filter(id -> id.startsWith(ownPrefix))
                    .max((a, b) -> Long.compare(number(a), number(b))).orElse(null);
            if (victim != null) {
                victims.add(victim);
            }
            remove(victim != null ? victim : cycle.get(0));
        }
        return victims;
    }

    private void remove(String id) {
        waitsFor.remove(id);
        waitsFor.values().forEach(holders -> holders.remove(id));
    }

    private List<String> findCycle() {
        Set<String> done = new HashSet<>();
        for (String start : waitsFor.keySet()) {
            List<String> cycle = walk(start, new ArrayList<>(), new HashSet<>(), done);
            if (!cycle.isEmpty()) {
                return cycle;
            }
        }
        return List.of();
    }

    /** Depth-first from {@code at}; returns the first cycle met on the current path. */
    private List<String> walk(String at, List<String> path, Set<String> onPath, Set<String> done) {
        if (onPath.contains(at)) {
            return List.copyOf(path.subList(path.indexOf(at), path.size()));
        }
        if (done.contains(at)) {
            return List.of();
        }
        path.add(at);
        onPath.add(at);
        for (String next : waitsFor.getOrDefault(at, Set.of())) {
            List<String> cycle = walk(next, path, onPath, done);
            if (!cycle.isEmpty()) {
                return cycle;
            }
        }
        path.remove(path.size() - 1);
        onPath.remove(at);
        done.add(at);
        return List.of();
    }

    /** The transaction number at the end of a handle id ({@code <coordinator>_<number>}). */
    private static long number(String handleId) {
        try {
            return Long.parseLong(handleId.substring(handleId.lastIndexOf('_') + 1));
        } catch (NumberFormatException e) {
            return Long.MIN_VALUE;
        }
    }
}
