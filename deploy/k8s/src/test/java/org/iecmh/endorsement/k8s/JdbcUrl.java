package org.iecmh.endorsement.k8s;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The parts of a {@code jdbc:postgresql://host:port/database?key=value&...} URL the manifests set. */
record JdbcUrl(String host, int port, String database, Map<String, String> parameters) {

    private static final Pattern URL = Pattern.compile("jdbc:postgresql://([^:/?]+):(\\d+)/([^?]+)(?:\\?(.*))?");

    static JdbcUrl parse(String url) {
        Matcher matcher = URL.matcher(url);
        if (!matcher.matches()) {
            throw new AssertionError("not a PostgreSQL JDBC URL with host, port and database: " + url);
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        if (matcher.group(4) != null) {
            for (String pair : matcher.group(4).split("&")) {
                String[] keyValue = pair.split("=", 2);
                parameters.put(keyValue[0], keyValue.length == 2 ? keyValue[1] : "");
            }
        }
        return new JdbcUrl(matcher.group(1), Integer.parseInt(matcher.group(2)), matcher.group(3), parameters);
    }
}
