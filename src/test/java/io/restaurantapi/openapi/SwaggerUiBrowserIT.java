package io.restaurantapi.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.restaurantapi.support.PublicDataset;
import io.restaurantapi.support.TestMongo;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Swagger UI in a real headless Chromium: open it, run "Try it out" on {@code GET /api/v1/restaurant/{id}} with a
 * known id, and see the restaurant in the response panel. Needs Chromium and chromedriver (Debian: packages
 * {@code chromium} and {@code chromium-driver}; elsewhere set {@code CHROMIUM_BINARY} and {@code CHROMEDRIVER_BINARY});
 * without them the test is skipped. Leaves a screenshot in {@code target/swagger-ui.png}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EnabledIf(
        value = "aBrowserIsInstalled",
        disabledReason = "needs Chromium and chromedriver (set CHROMIUM_BINARY and CHROMEDRIVER_BINARY)")
class SwaggerUiBrowserIT {

    private static final String DATABASE = "swagger_ui_it";
    private static final String BAYLEAF = "55f14313c7447c3da705224b";
    private static final Path CHROMIUM = Path.of(orDefault(System.getenv("CHROMIUM_BINARY"), "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER =
            Path.of(orDefault(System.getenv("CHROMEDRIVER_BINARY"), "/usr/bin/chromedriver"));
    private static final Path SCREENSHOT = Path.of("target", "swagger-ui.png");
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        TestMongo.register(registry, DATABASE);
    }

    static boolean aBrowserIsInstalled() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    @BeforeAll
    static void loadTheDataset() throws Exception {
        PublicDataset.loadInto(DATABASE);
    }

    @LocalServerPort
    int port;

    @TempDir
    Path profile;

    private ChromeDriverService service;
    private WebDriver browser;

    @BeforeEach
    void startTheBrowser() throws IOException {
        // Never let Selenium Manager look for (or download) a browser or driver: both are given explicitly.
        System.setProperty("SE_OFFLINE", "true");
        service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(new File("target", "chromedriver.log"))
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--window-size=1280,1600",
                "--user-data-dir=" + profile.toAbsolutePath());
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void stopTheBrowser() {
        if (browser != null) {
            browser.quit();
        }
        if (service != null) {
            service.stop();
        }
    }

    @Test
    void triesOutGettingARestaurantById() throws IOException {
        WebDriverWait wait = new WebDriverWait(browser, PATIENCE);
        try {
            browser.get("http://localhost:" + port + "/swagger-ui.html");

            WebElement operation = wait.until(
                    ExpectedConditions.visibilityOfElementLocated(By.id("operations-restaurants-getRestaurant")));
            assertThat(operation.getText()).contains("/api/v1/restaurant/{id}");
            operation.findElement(By.cssSelector(".opblock-summary")).click();
            wait.until(ExpectedConditions.elementToBeClickable(
                            operation.findElement(By.cssSelector("button.try-out__btn"))))
                    .click();

            WebElement id = wait.until(ExpectedConditions.elementToBeClickable(
                    operation.findElement(By.cssSelector("tr[data-param-name='id'] input"))));
            id.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
            id.sendKeys(BAYLEAF);
            operation.findElement(By.cssSelector("button.execute")).click();

            WebElement response = wait.until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("#operations-restaurants-getRestaurant .live-responses-table .response")));
            wait.until(ExpectedConditions.textToBePresentInElement(response, "Bayleaf"));
            ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", response);

            assertThat(response.findElement(By.cssSelector(".response-col_status"))
                            .getText())
                    .startsWith("200");
            assertThat(response.getText()).contains("\"name\": \"Bayleaf\"", "\"_id\": \"" + BAYLEAF + "\"");
            assertThat(operation.findElement(By.cssSelector(".request-url")).getText())
                    .endsWith("/api/v1/restaurant/" + BAYLEAF);
        } finally {
            Files.createDirectories(SCREENSHOT.getParent());
            Files.write(SCREENSHOT, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        }
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
