package org.iecmh.endorsement.local;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.function.Function;

/**
 * A real headless Chromium for a test class, driven through the system's chromedriver (Debian's {@code chromium}
 * and {@code chromium-driver} packages, which {@code .ci/run} installs; {@code -Diecmh.test.chromium} and
 * {@code -Diecmh.test.chromedriver} name others). Nothing is downloaded at run time. The browser speaks US English,
 * or the language it is made with. When a test fails, a screenshot of what the browser showed goes to
 * {@code target/screenshots/<class>.<test>.png} (with the language before {@code .png} for another browser's).
 */
final class Browser implements BeforeAllCallback, AfterAllCallback, TestWatcher {

    /** How long a page may take to show what a test waits for. */
    static final Duration PATIENCE = Duration.ofSeconds(15);

    private final Path screenshots = Path.of("target", "screenshots");
    private final String language;
    private WebDriver driver;
    private Path profile;

    Browser() {
        this("en-US");
    }

    /** A browser whose person reads {@code language} (a language tag such as {@code es-US}): its menus and requests. */
    Browser(String language) {
        this.language = language;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        File chromium = new File(System.getProperty("iecmh.test.chromium", "/usr/bin/chromium"));
        File chromedriver = new File(System.getProperty("iecmh.test.chromedriver", "/usr/bin/chromedriver"));
        if (!chromium.canExecute() || !chromedriver.canExecute()) {
            throw new IllegalStateException("The browser tests need Chromium and its driver at " + chromium + " and "
                    + chromedriver + " (Debian: apt-get install chromium chromium-driver; .ci/run does)");
        }
        profile = Files.createTempDirectory("iecmh-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        // What this machine's (and CI's) Chromium needs to run headless as root, with nothing reaching out.
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1024,900", "--lang=" + language,
                "--user-data-dir=" + profile.toAbsolutePath());
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver)
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60)).pageLoadTimeout(Duration.ofSeconds(30));
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        try {
            if (driver != null) {
                driver.quit();
            }
        } finally {
            if (profile != null) {
                try (var files = Files.walk(profile)) {
                    files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
                }
            }
        }
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        if (driver == null) {
            return;
        }
        try {
            Files.createDirectories(screenshots);
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Path target = screenshots.resolve(context.getRequiredTestClass().getSimpleName() + "."
                    + context.getRequiredTestMethod().getName() + ("en-US".equals(language) ? "" : "." + language)
                    + ".png");
            Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            cause.addSuppressed(new AssertionError("Screenshot of the browser: " + target.toAbsolutePath()
                    + " at " + driver.getCurrentUrl()));
        } catch (IOException | RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    WebDriver driver() {
        return driver;
    }

    /**
     * Signs a demo user in as a person does: the web application's sign-in sends the browser to the provider's form,
     * which sends it back with a code; waits until the browser shows {@code path} of the gateway signed in. A sign-in
     * the browser is left waiting on (the local provider has twice been seen to keep the browser waiting a minute
     * after the form was sent) is tried once more, where the provider's session, if it was made, signs in at once.
     */
    void signIn(String gatewayUrl, String user, String path) {
        try {
            signInOnce(gatewayUrl, user, path);
        } catch (org.openqa.selenium.TimeoutException waiting) {
            signInOnce(gatewayUrl, user, path);
        }
    }

    private void signInOnce(String gatewayUrl, String user, String path) {
        driver.get(gatewayUrl + "/signin.html?returnTo=" + URLEncoder.encode(path, StandardCharsets.UTF_8));
        await("the provider's sign-in form", d -> !d.findElements(By.name("username")).isEmpty()
                || signedInAt(d, gatewayUrl, user, path));
        if (!driver.findElements(By.name("username")).isEmpty()) {
            driver.findElement(By.name("username")).sendKeys(user);
            driver.findElement(By.name("password")).sendKeys("demo");
            driver.findElement(By.cssSelector("button[type=submit]")).click();
        }
        await("back at " + path + " signed in as " + user, d -> signedInAt(d, gatewayUrl, user, path));
    }

    private static boolean signedInAt(WebDriver page, String gatewayUrl, String user, String path) {
        return page.getCurrentUrl().startsWith(gatewayUrl + path)
                && !page.findElements(By.id("account")).isEmpty()
                && page.findElement(By.id("account")).getText().contains(user);
    }

    /** Signs out from the header, which ends the provider's session too; waits until the public page shows. */
    void signOut(String gatewayUrl) {
        WebElement signedIn = driver.findElement(By.id("account"));
        signedIn.findElement(By.xpath(".//button[normalize-space()='Sign out']")).click();
        // The page is replaced (also when it was the home page already): wait for the old one to go first.
        new WebDriverWait(driver, PATIENCE).withMessage("the page to be left")
                .until(ExpectedConditions.stalenessOf(signedIn));
        await("signed out", d -> d.getCurrentUrl().equals(gatewayUrl + "/")
                && d.findElement(By.id("account")).getText().contains("Sign in"));
    }

    /** Opens a page of the gateway; waits until it speaks its language (the switcher shows it, the heading too). */
    void open(String gatewayUrl, String path) {
        driver.get(gatewayUrl + path);
        await("the page's messages", page -> !page.findElements(
                By.cssSelector("button[data-language][aria-pressed=true]")).isEmpty()
                && !page.findElement(By.tagName("h1")).getText().isEmpty());
    }

    /** Waits, within {@link #PATIENCE}, until the condition holds (is true or not null), and answers it. */
    <T> T await(String what, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, PATIENCE).withMessage(what)
                .ignoring(StaleElementReferenceException.class).until(condition);
    }
}
