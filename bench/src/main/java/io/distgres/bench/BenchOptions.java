package io.distgres.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * How much to measure. {@code --quick}: scale 1, 3-second runs, 2 alternations; the default:
 * scale 10 (1,000,000 accounts), 10-second runs, 3 alternations.
 *
 * @param scale    pgbench scale factor (100,000 accounts each)
 * @param seconds  duration of one pgbench run
 * @param rounds   runs per side of every measurement, alternating which side goes first
 * @param clients  client counts for the pgbench runs
 * @param only     the parts to run: select, local, scan, relay, copy, tpcb, transfer
 * @param results  the directory the report and chart are written to
 */
public record BenchOptions(int scale, int seconds, int rounds, List<Integer> clients, Set<String> only,
                           Path results) {
    static final Set<String> PARTS = Set.of("select", "local", "scan", "relay", "copy", "tpcb", "transfer");

    public BenchOptions {
        clients = List.copyOf(clients);
        only = Set.copyOf(only);
        if (scale < 1 || seconds < 1 || rounds < 1 || clients.isEmpty()) {
            throw new IllegalArgumentException("scale, seconds, rounds and clients must be positive");
        }
        if (!PARTS.containsAll(only)) {
            throw new IllegalArgumentException("--only takes " + PARTS + ", got " + only);
        }
    }

    /** Parses the command line of {@code bench/run}. */
    public static BenchOptions parse(String... args) {
        boolean quick = Arrays.asList(args).contains("--quick");
        int scale = quick ? 1 : 10;
        int seconds = quick ? 3 : 10;
        int rounds = quick ? 2 : 3;
        List<Integer> clients = List.of(1, 16);
        Set<String> only = PARTS;
        Path results = Path.of("bench", "results");
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--quick" -> { }
                case "--scale" -> scale = Integer.parseInt(value(args, ++i, arg));
                case "--seconds" -> seconds = Integer.parseInt(value(args, ++i, arg));
                case "--rounds" -> rounds = Integer.parseInt(value(args, ++i, arg));
                case "--clients" -> clients = Arrays.stream(value(args, ++i, arg).split(","))
                        .map(String::strip).map(Integer::parseInt).toList();
                case "--only" -> only = Set.of(value(args, ++i, arg).split(","));
                case "--results" -> results = Path.of(value(args, ++i, arg));
                default -> throw new IllegalArgumentException("unknown option " + arg + "; " + usage());
            }
        }
        return new BenchOptions(scale, seconds, rounds, clients, only, results);
    }

    public boolean runs(String part) {
        return only.contains(part);
    }

    public long accounts() {
        return 100_000L * scale;
    }

    static String usage() {
        return "usage: bench/run [--quick] [--scale N] [--seconds N] [--rounds N] [--clients 1,16]"
                + " [--only select,local,scan,relay,copy,tpcb,transfer] [--results DIR]";
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value; " + usage());
        }
        return args[index];
    }
}
