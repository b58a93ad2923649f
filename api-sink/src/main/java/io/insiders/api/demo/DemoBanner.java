package io.insiders.api.demo;

/**
 * What the demo prints once it runs: the demo manager's credentials, and curl commands to paste as they are. The
 * times of the queries are computed by the shell when the command runs ({@code $(date +%s)}), so the commands stay
 * good for as long as the demo runs.
 */
final class DemoBanner {

    private static final String RULE = "=".repeat(100);

    private DemoBanner() {
    }

    static String text(DemoSession demo) {
        long device = demo.deviceIds().get(0);
        long last = demo.deviceIds().get(demo.deviceIds().size() - 1);
        String curl = "curl -s -u '" + demo.username() + ":" + demo.password() + "' ";
        String base = demo.baseUrl() + "/api/v1/";
        String data = base + "devices/" + device + "/preprocessed-data/";
        StringBuilder text = new StringBuilder();
        text.append('\n').append(RULE).append('\n')
                .append("INSIDERS DEMO: demo data and demo credentials, for trying the API only\n\n")
                .append("  username: ").append(demo.username()).append('\n')
                .append("  password: ").append(demo.password()).append("   (a new one at each start of the demo)\n\n")
                .append("  ").append(demo.deviceIds().size()).append(" simulated devices (ids ").append(device).append(" to ").append(last)
                .append(") send 10 frames a second each, live, from players on field ").append(demo.fieldId()).append(".\n")
                .append("  Paste these commands:\n\n")
                .append(comment("who am I")).append(curl).append(base).append("me/\n")
                .append(comment("the devices I own")).append(curl).append(base).append("devices/\n")
                .append(comment("device " + device + "'s latest timestamp: run it twice, it moves"))
                .append(curl).append(data).append("latest-timestamp/\n")
                .append(comment("its 3 newest frames, with their position on the field (field.id, field.x, field.y)"))
                .append(curl).append("'").append(data).append("latest/?size=3'\n")
                .append(comment("its activity ranges of the last hour"))
                .append(curl).append('"').append(data).append("ranges/?start=$(( $(date +%s) - 3600 ))000&stop=$(date +%s)000\"\n")
                .append(comment("its frames of the last 5 minutes, the first 5 of them"))
                .append(curl).append('"').append(data).append("?start=$(( $(date +%s) - 300 ))000&stop=$(date +%s)000&limit=5\"\n")
                .append(comment("my fields")).append(curl).append(base).append("fields/\n")
                .append('\n').append("  The whole API: ").append(demo.baseUrl()).append("/api/v1/docs/\n")
                .append(RULE).append('\n');
        return text.toString();
    }

    private static String comment(String text) {
        return "  # " + text + "\n  ";
    }
}
