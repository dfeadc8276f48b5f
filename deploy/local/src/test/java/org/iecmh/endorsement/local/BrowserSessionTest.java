package org.iecmh.endorsement.local;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A person's session in a real headless Chromium, held by the gateway: the browser keeps only the gateway's
 * HttpOnly session cookie, never a token; an access token that ends while a form is being filled in is refreshed by
 * the gateway and the form goes through as typed; and a session that ended entirely (its cookie gone) sends the person
 * to sign in again and back to the page, where what they typed is filled in again, and sent.
 */
@Order(13)
@ExtendWith(RunningPlatform.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserSessionTest {

    private static final String APPLICANT = "applicant5-ma";

    @RegisterExtension
    static final Browser browser = new Browser();

    @Test
    @Order(1)
    void anAccessTokenThatEndsWhileAFormIsFilledInIsRefreshedAndTheFormGoesThroughAsTyped() {
        browser.signIn(gateway(), APPLICANT, "/portal.html");
        browser.await("the categories", page -> new Select(field("category")).getOptions().size() > 1);
        Cookie session = driver().manage().getCookieNamed("SESSION");
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.isSecure()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Lax");
        assertThat((String) script("return JSON.stringify(sessionStorage) + JSON.stringify(localStorage) "
                + "+ document.cookie")).doesNotContain("eyJ").doesNotContain("SESSION=");
        Instant tokenEnds = Instant.parse((String) sessionAnswer().get("expiresAt"));

        new Select(field("category")).selectByValue("IFA");
        field("applicantName").sendKeys("Sofia Session");
        field("contactEmail").sendKeys("sofia.session@example.org");
        field("stateOfResidence").sendKeys("MA");
        // The person takes longer than the access token lasts before sending the form.
        new WebDriverWait(driver(), RunningPlatform.SESSION_TOKENS.plusSeconds(15))
                .withMessage("the access token to end").until(page -> Instant.now().isAfter(tokenEnds));
        driver().findElement(By.cssSelector("#start button[type=submit]")).click();

        browser.await("the new application", page -> page.getCurrentUrl().contains("/application.html?id=")
                && page.findElement(By.id("app-heading")).getText().startsWith("My application: "));
        assertThat(driver().findElement(By.id("summary-facts")).getText())
                .contains("Sofia Session", "sofia.session@example.org");
        assertThat(Instant.parse((String) sessionAnswer().get("expiresAt"))).as("a refreshed token")
                .isAfter(tokenEnds);
    }

    @Test
    @Order(2)
    void aSessionThatEndedEntirelyKeepsWhatWasTypedThroughSigningInAgain() {
        browser.signIn(gateway(), APPLICANT, "/portal.html");
        browser.await("the application", page -> !page.findElements(By.cssSelector("#applications a")).isEmpty());
        driver().findElement(By.cssSelector("#applications a")).click();
        browser.await("the application", page -> page.findElement(By.id("layout")).isDisplayed());
        String application = driver().getCurrentUrl();
        driver().findElement(By.id("trainings-summary")).click();
        driver().findElement(By.id("trainings-title")).sendKeys("Kept across a sign-in");
        driver().findElement(By.id("trainings-provider")).sendKeys("MassAIMH");
        ((JavascriptExecutor) driver()).executeScript("arguments[0].value = arguments[1]",
                driver().findElement(By.id("trainings-attendedOn")), "2024-03-01");
        driver().findElement(By.id("trainings-hours")).sendKeys("6");
        driver().findElement(By.cssSelector("#trainings-form input[name=domains][value=REFLECTION]")).click();

        // The session ends entirely (as after hours away): the browser no longer has it.
        driver().manage().deleteCookieNamed("SESSION");
        driver().findElement(By.id("trainings-submit")).click();

        // Signed in again at the provider (its own session still holds) and back on the same page, the form as it was.
        browser.await("back on the application, its form filled in again", page -> page.getCurrentUrl()
                .equals(application) && page.findElement(By.id("layout")).isDisplayed()
                && "Kept across a sign-in".equals(value("trainings-title")));
        assertThat(value("trainings-provider")).isEqualTo("MassAIMH");
        assertThat(value("trainings-attendedOn")).isEqualTo("2024-03-01");
        assertThat(value("trainings-hours")).isEqualTo("6");
        assertThat(driver().findElement(By.cssSelector("#trainings-form input[name=domains][value=REFLECTION]"))
                .isSelected()).isTrue();
        assertThat((String) script("return JSON.stringify(sessionStorage)")).doesNotContain("Kept across");

        driver().findElement(By.id("trainings-submit")).click();
        browser.await("the training listed", page -> page.findElement(By.id("trainings-entries")).getText()
                .contains("Kept across a sign-in"));
    }

    /** What GET /session tells the page. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> sessionAnswer() {
        return (Map<String, Object>) ((JavascriptExecutor) driver()).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch('/session', { cache: 'no-store' }).then(r => r.json()).then(done, e => done({ error: String(e) }));""");
    }

    private static Object script(String script) {
        return ((JavascriptExecutor) driver()).executeScript(script);
    }

    private static String value(String id) {
        return driver().findElement(By.id(id)).getAttribute("value");
    }

    private static WebElement field(String name) {
        return driver().findElement(By.name(name));
    }

    private static String gateway() {
        return RunningPlatform.get().gatewayUrl();
    }

    private static WebDriver driver() {
        return browser.driver();
    }
}
