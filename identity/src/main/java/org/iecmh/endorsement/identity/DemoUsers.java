package org.iecmh.endorsement.identity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The people of the local platform, all with the password {@code demo}: per association ({@code ma}, {@code wa})
 * six applicants (each sees only their own records; the tests give each story one of its own), an endorsee, an
 * endorsee the association imported from before the platform, an applicant whose address the provider has not
 * verified, a coordinator, two reviewers (a portfolio needs two), two exam scorers (reviewers by role: an exam is
 * scored by two endorsees other than the portfolio's reviewers), an auditor and an administrator, and one platform
 * operator. The username is the subject of their tokens; the tenants claim grants their roles per association; their
 * tokens carry their email address ({@link DemoUser#email()}), verified but for the {@code unverified-} people.
 * Besides, a few people of {@code nh}, an association that is not in the seed: the operator creates it on the running
 * platform, as when an association moves onto it, and its people can sign in at once.
 */
public final class DemoUsers {

    public static final String PASSWORD = "demo";
    private static final List<String> TENANTS = List.of("ma", "wa");
    /** The association the operator adds on the running platform, and the people it starts with. */
    public static final String NEW_ASSOCIATION = "nh";
    private static final List<String> NEW_ASSOCIATION_PEOPLE = List.of("applicant", "coordinator", "reviewer",
            "reviewer2", "admin");
    private static final Map<String, String> ROLES = new LinkedHashMap<>();

    static {
        ROLES.put("applicant", "APPLICANT");
        ROLES.put("applicant2", "APPLICANT");
        ROLES.put("applicant3", "APPLICANT");
        ROLES.put("applicant4", "APPLICANT");
        ROLES.put("applicant5", "APPLICANT");
        ROLES.put("applicant6", "APPLICANT");
        ROLES.put("applicant7", "APPLICANT");
        // Endorsed through the grant a rehearsal publishes, not through an application of their own.
        ROLES.put("endorsee", "APPLICANT");
        // Endorsed before the platform: the association imports them under imported-<code>@example.org, and they
        // claim that endorsement once they sign in.
        ROLES.put("imported", "APPLICANT");
        // Signed in with an address the provider has not verified: nothing imported can be claimed with it.
        ROLES.put("unverified", "APPLICANT");
        ROLES.put("coordinator", "COORDINATOR");
        ROLES.put("reviewer", "REVIEWER");
        ROLES.put("reviewer2", "REVIEWER");
        ROLES.put("scorer", "REVIEWER");
        ROLES.put("scorer2", "REVIEWER");
        ROLES.put("auditor", "AUDITOR");
        ROLES.put("admin", "TENANT_ADMIN");
    }

    /** A demo user and the roles their token grants per tenant. */
    public record DemoUser(String username, Map<String, List<String>> tenants) {

        /**
         * Their address, {@code <username>@example.org}, which the provider has verified unless
         * {@link #emailVerified()} says otherwise. An endorsee an association imported under a verified address
         * claims the endorsement when they sign in as this user.
         */
        public String email() {
            return username + "@" + EMAIL_DOMAIN;
        }

        /** Whether the provider vouches for {@link #email()}: for everyone but the {@code unverified-} people. */
        public boolean emailVerified() {
            return !username.startsWith("unverified-");
        }
    }

    /** The domain of every demo user's address. */
    public static final String EMAIL_DOMAIN = "example.org";

    private DemoUsers() {
    }

    public static List<DemoUser> all() {
        List<DemoUser> users = new ArrayList<>();
        for (String tenant : TENANTS) {
            ROLES.forEach((name, role) -> users.add(new DemoUser(name + "-" + tenant, Map.of(tenant, List.of(role)))));
        }
        NEW_ASSOCIATION_PEOPLE.forEach(name -> users.add(new DemoUser(name + "-" + NEW_ASSOCIATION,
                Map.of(NEW_ASSOCIATION, List.of(ROLES.get(name))))));
        Map<String, List<String>> everywhere = new LinkedHashMap<>();
        TENANTS.forEach(tenant -> everywhere.put(tenant, List.of("PLATFORM_ADMIN")));
        users.add(new DemoUser("operator", everywhere));
        return users;
    }

    public static Optional<DemoUser> named(String username) {
        return all().stream().filter(user -> user.username().equals(username)).findFirst();
    }
}
