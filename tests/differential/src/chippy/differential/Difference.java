package chippy.differential;

/** One field whose value chippy-broker and Apache Kafka answer differently. */
record Difference(String step, String api, short version, String path, String chippy, String kafka) {
    @Override
    public String toString() {
        return api + " v" + version + " " + path + ": chippy " + chippy + ", kafka " + kafka + "  [" + step + "]";
    }
}
