package org.iecmh.endorsement.local;

import org.iecmh.endorsement.testkit.ApiClient;
import org.iecmh.endorsement.testkit.ApiClient.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An endorsee Washington brought onto the platform, in a real headless Chromium against the running platform: the
 * portal points them to the endorsements the association imported under the address their sign-in vouches for; they
 * claim both with one button, find them among their own, and nothing is left to claim, while an endorsement of
 * another address stays where it was. An applicant whose address the provider has not verified is told plainly that
 * nothing can be claimed with it. Each screen is checked with axe-core, in English and in Spanish.
 */
@Order(12)
@ExtendWith(RunningPlatform.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClaimPageTest {

    private static final Dimension DESKTOP = new Dimension(1024, 900);
    private static final String NAME = "Marisol Ñúñez-Owen";

    @RegisterExtension
    static final Browser browser = new Browser();

    @BeforeAll
    static void washingtonImportsTwoEndorsementsUnderTheEndorseesAddressAndOneUnderAnother() {
        ApiClient admin = RunningPlatform.get().signedIn("admin-wa", "wa");
        String file = SecurityMatrix.ENDORSEE_FILE_HEADER
                + "WA-C-0001," + NAME + ",imported-wa@example.org,IFS,2016-03-01,2040-12-31,ACTIVE,no,no\n"
                + "WA-C-0002," + NAME + ",Imported-WA@example.org,IMHS,2019-09-01,2040-12-31,INACTIVE,no,no\n"
                + "WA-C-0003,Someone Else,someone.else@example.org,IFA,2018-01-01,2040-12-31,ACTIVE,no,no\n";
        Response started = admin.post("/api/applications/endorsee-imports", file, Map.of("Content-Type", "text/csv"));
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        await("the import").atMost(RunningPlatform.HOP).until(() ->
                "FINISHED".equals(admin.get(started.at("/location")).at("/status")));
        assertThat(admin.get(started.at("/location")).at("/imported")).isEqualTo("3");
        await("both kept by renewal-service").atMost(RunningPlatform.HOP).until(() ->
                endorsee().get("/api/endorsements/mine").body().get("claimable").size() == 2);
        driver().manage().window().setSize(DESKTOP);
    }

    @Test
    @Order(1)
    void theEndorseeFollowsThePortalToWhatWaitsForThemAndClaimsItAllWithOneButton() {
        browser.signIn(gateway(), "imported-wa", "/portal.html");
        browser.await("the notice of endorsements to claim", page -> page.findElement(By.id("claim-notice"))
                .isDisplayed());
        Accessibility.assertNoSeriousViolations(driver(), "the portal with endorsements to claim");

        driver().findElement(By.linkText("See the endorsements waiting for you")).click();
        browser.await("the endorsements waiting", page -> page.findElements(By.cssSelector("#waiting li")).size() == 2);
        assertThat(text("waiting-address")).contains("imported-wa@example.org");
        assertThat(text("waiting")).contains("Endorsement WA-C-0001", "Endorsement WA-C-0002", NAME,
                "Infant Family Specialist", "Active", "On hold").doesNotContain("WA-C-0003");
        assertThat(text("claim-all")).isEqualTo("Claim them as mine");
        assertThat(field("held-section").isDisplayed()).isFalse();
        Accessibility.assertNoSeriousViolations(driver(), "the endorsements waiting to be claimed");

        field("claim-all").click();
        browser.await("the claim announced", page -> "2 endorsements are now yours: WA-C-0001, WA-C-0002."
                .equals(text("claim-status")));
        assertThat(driver().findElements(By.cssSelector("#held a"))).extracting(WebElement::getText)
                .containsExactly("Endorsement WA-C-0001", "Endorsement WA-C-0002");
        assertThat(field("waiting-none").isDisplayed()).isTrue();
        assertThat(field("claim-form").isDisplayed()).isFalse();
        assertThat(driver().switchTo().activeElement().getAttribute("id")).isEqualTo("held-heading");
        Accessibility.assertNoSeriousViolations(driver(), "the endorsements claimed");

        Response mine = endorsee().get("/api/endorsements/mine");
        assertThat(mine.body().get("endorsements")).extracting(view -> view.get("personId").asText())
                .containsExactly("imported-wa", "imported-wa");
        assertThat(mine.body().get("claimable")).isEmpty();
        assertThat(endorsee().post("/api/endorsements/claims", null).body().get("claimed")).as("nothing left")
                .isEmpty();
        assertThat(RunningPlatform.get().signedIn("coordinator-wa", "wa").get("/api/endorsements/WA-C-0003")
                .at("/personId")).isEqualTo("email:someone.else@example.org");

        driver().findElement(By.linkText("Endorsement WA-C-0001")).click();
        browser.await("the endorsement's own page", page -> page.getCurrentUrl().contains(
                "/endorsement.html?number=WA-C-0001") && text("end-facts").contains("WA-C-0001"));
        browser.open(gateway(), "/portal.html");
        browser.await("the claimed endorsements in the portal", page -> text("endorsements").contains("WA-C-0002"));
        assertThat(field("claim-notice").isDisplayed()).isFalse();
    }

    @Test
    @Order(2)
    void thePageSpeaksSpanish() {
        browser.open(gateway(), "/claim.html");
        browser.await("the endorsements held", page -> page.findElements(By.cssSelector("#held li")).size() == 2);
        driver().findElement(By.cssSelector("button[data-language=es]")).click();
        browser.await("the page in Spanish", page -> "Acreditaciones que le esperan".equals(
                page.findElement(By.tagName("h1")).getText()));
        assertThat(text("held")).contains("Acreditación WA-C-0001", "Vigente", "En pausa");
        assertThat(text("waiting-none")).isEqualTo("Ninguna acreditación espera a esta dirección.");
        assertThat(driver().getTitle()).startsWith("Acreditaciones que le esperan");
        Accessibility.assertNoSeriousViolations(driver(), "the claim page in Spanish");
        ((JavascriptExecutor) driver()).executeScript("localStorage.clear()");
    }

    @Test
    @Order(3)
    void someoneWhoseAddressIsNotVerifiedIsToldNothingCanBeClaimedWithIt() {
        browser.open(gateway(), "/claim.html");
        browser.signOut(gateway());
        browser.signIn(gateway(), "unverified-wa", "/claim.html");
        browser.await("the notice", page -> page.findElement(By.id("claim-unverified")).isDisplayed());
        assertThat(text("claim-unverified")).startsWith(
                "Your sign-in does not vouch for an email address, so no endorsement can be claimed with it.");
        assertThat(field("waiting-section").isDisplayed()).isFalse();
        Accessibility.assertNoSeriousViolations(driver(), "the claim page without a verified address");

        Response refused = RunningPlatform.get().signedIn("unverified-wa", "wa").post("/api/endorsements/claims", null);
        assertThat(refused.status()).as(refused.text()).isEqualTo(409);
        assertThat(refused.at("/rule")).isEqualTo("email-not-verified");
        assertThat(refused.at("/detail")).contains("does not vouch for an email address");
    }

    private static ApiClient endorsee() {
        return RunningPlatform.get().signedIn("imported-wa", "wa");
    }

    private static WebDriver driver() {
        return browser.driver();
    }

    private static String gateway() {
        return RunningPlatform.get().gatewayUrl();
    }

    private static WebElement field(String id) {
        return driver().findElement(By.id(id));
    }

    private static String text(String id) {
        return driver().findElement(By.id(id)).getText();
    }
}
