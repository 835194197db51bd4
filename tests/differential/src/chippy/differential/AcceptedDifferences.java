package chippy.differential;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The differences that are known and accepted, one a line: API, versions, JSON path, reason.
 * Versions are "3", "0-2" or "*"; the path may use * for any run of characters. Lines starting with #
 * are comments.
 */
final class AcceptedDifferences {
    static final int MAX_ENTRIES = 20;

    static final class Entry {
        final int line;
        final String api;
        final int fromVersion;
        final int toVersion;
        final String pathGlob;
        final Pattern path;
        final String reason;
        int matches;
        /** The first difference this entry accepted in the run, shown as an example. */
        Difference example;

        Entry(int line, String api, int fromVersion, int toVersion, String pathGlob, String reason) {
            this.line = line;
            this.api = api;
            this.fromVersion = fromVersion;
            this.toVersion = toVersion;
            this.pathGlob = pathGlob;
            this.path = glob(pathGlob);
            this.reason = reason;
        }

        boolean covers(Difference d) {
            return (api.equals("*") || api.equals(d.api())) && d.version() >= fromVersion
                    && d.version() <= toVersion && path.matcher(d.path()).matches();
        }
    }

    final List<Entry> entries = new ArrayList<>();

    static AcceptedDifferences read(Path file) throws IOException {
        AcceptedDifferences accepted = new AcceptedDifferences();
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); ++i) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+", 4);
            if (parts.length < 4 || parts[3].isBlank()) {
                throw new IOException(file + ":" + (i + 1) + ": expected API, versions, path and a reason");
            }
            int from = 0;
            int to = Short.MAX_VALUE;
            if (!parts[1].equals("*")) {
                String[] range = parts[1].split("-");
                from = Integer.parseInt(range[0]);
                to = Integer.parseInt(range[range.length - 1]);
            }
            accepted.entries.add(new Entry(i + 1, parts[0], from, to, parts[2], parts[3]));
        }
        return accepted;
    }

    private static Pattern glob(String path) {
        String[] pieces = path.split("\\*", -1);
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pieces.length; ++i) {
            if (i > 0) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(pieces[i]));
        }
        return Pattern.compile(regex.toString());
    }

    /** The entry that accepts this difference, or null. */
    Entry accepting(Difference d) {
        for (Entry entry : entries) {
            if (entry.covers(d)) {
                if (entry.matches++ == 0) {
                    entry.example = d;
                }
                return entry;
            }
        }
        return null;
    }
}
