package org.iecmh.endorsement.renewal.evidence;

import org.iecmh.endorsement.kit.files.ContentType;
import org.iecmh.endorsement.kit.files.FileRules;
import org.iecmh.endorsement.kit.files.FileStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

import java.net.URI;
import java.util.EnumSet;
import java.util.Set;

/**
 * The file store as the evidence feature uses it, and the rules a file keeps before it is stored: the kinds the
 * service's file rules allow, within the evidence's own size limit. A service started without a bucket
 * ({@code iecmh.files.bucket}) keeps no files: every use of them is then answered 503, as a problem that says so.
 */
@Component
class EvidenceFiles {

    static final URI UNAVAILABLE = URI.create("urn:iecmh:problem:files-unavailable");

    private final FileStore store;
    private final FileRules rules;

    @Autowired
    EvidenceFiles(ObjectProvider<FileStore> store, ObjectProvider<FileRules> rules, EvidenceLimits limits) {
        this.store = store.getIfAvailable();
        Set<ContentType> allowed = rules.getIfAvailable() == null
                ? EnumSet.complementOf(EnumSet.of(ContentType.UNKNOWN)) : rules.getIfAvailable().allowed();
        this.rules = new FileRules(limits.maxFileSize().toBytes(), allowed);
    }

    EvidenceFiles(FileStore store, FileRules rules) {
        this.store = store;
        this.rules = rules;
    }

    /** The store, where this service keeps files. */
    FileStore store() {
        if (store == null) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                    "This installation of renewal-service keeps no files: no file store is configured "
                            + "(iecmh.files.bucket)");
            problem.setType(UNAVAILABLE);
            problem.setTitle("Files are not available");
            problem.setProperty("rule", "files-not-configured");
            throw new ErrorResponseException(HttpStatus.SERVICE_UNAVAILABLE, problem, null);
        }
        return store;
    }

    FileRules rules() {
        return rules;
    }

    /** The name a file was sent with, without the folders some browsers send along, at most 200 characters. */
    static String fileName(String sent) {
        if (sent == null || sent.isBlank()) {
            return "evidence";
        }
        String name = sent.substring(Math.max(sent.lastIndexOf('/'), sent.lastIndexOf('\\')) + 1).strip()
                .replaceAll("\\p{Cntrl}", "");
        name = name.isEmpty() ? "evidence" : name;
        return name.length() <= 200 ? name : name.substring(name.length() - 200);
    }
}
