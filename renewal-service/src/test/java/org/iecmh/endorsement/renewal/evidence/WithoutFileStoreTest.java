package org.iecmh.endorsement.renewal.evidence;

import org.iecmh.endorsement.renewal.RenewalServiceApplication;
import org.iecmh.endorsement.testkit.ApiClient;
import org.iecmh.endorsement.testkit.ApiClient.Response;
import org.iecmh.endorsement.testkit.WithRealInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.iecmh.endorsement.kit.files.FileStore;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * renewal-service where no bucket is named (a platform that keeps no files yet): it starts and serves everything
 * else, and each use of a file is answered 503 with a problem that says why.
 */
@SpringBootTest(classes = RenewalServiceApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=" + RenewalServiceApplication.NAME, "iecmh.schedule.automatic=false"})
@WithRealInfrastructure
class WithoutFileStoreTest {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Test
    void theServiceStartsWithoutAFileStoreAndAnswersFilesWithAProblemThatSaysSo() {
        ApiClient endorsee = ApiClient.onPort(port).as("ma", "person-1", "APPLICANT");
        assertThat(context.getBeanProvider(FileStore.class).getIfAvailable()).isNull();

        Response attach = Uploads.attach(endorsee, port, "MA-000001", "certificate.pdf", "application/pdf",
                "%PDF-1.7\n%%EOF\n".getBytes(StandardCharsets.US_ASCII), Map.of("year", "2027"), null);
        Uploads.Download download = Uploads.download(endorsee, port, "MA-000001", "any");

        assertThat(attach.status()).as(attach.text()).isEqualTo(503);
        assertThat(attach.contentType()).startsWith("application/problem+json");
        assertThat(attach.at("/type")).isEqualTo("urn:iecmh:problem:files-unavailable");
        assertThat(attach.at("/rule")).isEqualTo("files-not-configured");
        assertThat(attach.at("/detail")).contains("iecmh.files.bucket");
        assertThat(download.status()).isEqualTo(503);
        // Everything else answers as usual: no endorsement by that number.
        assertThat(endorsee.get("/api/endorsements/MA-000001").status()).isEqualTo(404);
    }
}
