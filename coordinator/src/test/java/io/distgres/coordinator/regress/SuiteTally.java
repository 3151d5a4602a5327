package io.distgres.coordinator.regress;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Counts what the differential suite saw, for its summary line and for rewriting the expectation lists. */
final class SuiteTally {
    private int total;
    private int passed;
    private int failed;
    private final Map<String, String> unsupported = new TreeMap<>();
    private final List<String> nowSupported = new ArrayList<>();
    private final List<String> knownWrong = new ArrayList<>();
    private final List<String> knownWrongNowCorrect = new ArrayList<>();

    synchronized void passed(String id, boolean listedAsUnsupported) {
        total++;
        passed++;
        if (listedAsUnsupported) {
            nowSupported.add(id);
        }
    }

    synchronized void failed() {
        total++;
        failed++;
    }

    synchronized void unsupported(String id, String message) {
        total++;
        unsupported.put(id, message);
    }

    synchronized void knownWrong(String id) {
        total++;
        knownWrong.add(id);
    }

    synchronized void knownWrongNowCorrect(String id) {
        total++;
        passed++;
        knownWrongNowCorrect.add(id);
    }

    /** Ids distgres refused with 0A000, with the message it gave: the new expected-unsupported list. */
    synchronized Map<String, String> unsupported() {
        return new TreeMap<>(unsupported);
    }

    synchronized String summary() {
        StringBuilder text = new StringBuilder("differential suite: ").append(total).append(" checks, ")
                .append(passed).append(" passed, ").append(unsupported.size()).append(" unsupported (expected), ")
                .append(knownWrong.size()).append(" known-wrong, ").append(failed).append(" failed");
        if (!nowSupported.isEmpty()) {
            text.append("\nnow supported, remove from expected-unsupported.txt: ").append(nowSupported);
        }
        if (!knownWrongNowCorrect.isEmpty()) {
            text.append("\nnow correct, remove from known-wrong.txt: ").append(knownWrongNowCorrect);
        }
        if (!knownWrong.isEmpty()) {
            text.append("\n!!! WRONG ANSWERS tolerated by known-wrong.txt: ").append(knownWrong);
        }
        return text.toString();
    }
}
