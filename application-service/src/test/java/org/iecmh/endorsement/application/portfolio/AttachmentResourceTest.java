package org.iecmh.endorsement.application.portfolio;

import org.iecmh.endorsement.kit.files.FileRules;
import org.iecmh.endorsement.kit.files.FileStore;
import org.iecmh.endorsement.kit.files.FilesNotConfigured;
import org.iecmh.endorsement.kit.web.Actor;
import org.iecmh.endorsement.kit.web.Role;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mock.web.MockMultipartFile;

import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A service started without a bucket has no file store: every attachment request is refused as "files not
 * configured" (503) before anything else is read, and the rest of the service works on.
 */
class AttachmentResourceTest {

    private final StaticListableBeanFactory noBeans = new StaticListableBeanFactory();
    private final AttachmentResource resource = new AttachmentResource(null, null, null, null,
            noBeans.getBeanProvider(FileStore.class), noBeans.getBeanProvider(FileRules.class), Clock.systemUTC());
    private final Actor applicant = new Actor("ma", "applicant-1", Role.APPLICANT, "request-1");

    @Test
    void withoutAFileStoreAttachingReadingAndRemovingAreRefusedAsNotConfigured() {
        assertThatThrownBy(() -> resource.attach("a-1", "e-1", null, new MockMultipartFile("file", "t.pdf",
                "application/pdf", "%PDF-1.4".getBytes()), applicant)).isInstanceOf(FilesNotConfigured.class);
        assertThatThrownBy(() -> resource.download("a-1", "f-1", applicant)).isInstanceOf(FilesNotConfigured.class);
        assertThatThrownBy(() -> resource.remove("a-1", "f-1", applicant)).isInstanceOf(FilesNotConfigured.class);
    }
}
