package app.faraday.content;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import app.faraday.kit.security.DemoAccounts;
import app.faraday.kit.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;

/** The demo tree and the seven demo lessons pass every validation a request passes; seeding twice changes nothing. */
@QuarkusTest
class DemoSeedTest {

    @Inject
    DemoSeeder seeder;

    @Test
    void seedsTheTreeAndTheSevenLessonsOnce() throws Throwable {
        VertxContextSupport.subscribeAndAwait(seeder::seed);
        assertEquals(0, VertxContextSupport.subscribeAndAwait(seeder::seed), "idempotent");

        String teacher = TestTokens.token(java.util.UUID.randomUUID(), "teacher");
        given().auth().oauth2(teacher).get("/api/v1/subject-categories/tree").then().statusCode(200)
                .body("find { it.name == 'Physical Education' }.children.name",
                        contains("Fitness", "Individual Sports", "Team Sports"))
                .body("name", hasItem("Health Education"));
        assertEquals(7, Fixtures.count("select count(*) from content.lessons"
                + " where title in ('Kindergarten Movement Basics',"
                + " 'Grade 1-2 Team Building', 'Grade 3-5 Sports Fundamentals', 'Grade 6-8 Advanced Sports Skills',"
                + " 'Middle School Fitness Program', 'High School Sports Specialization',"
                + " 'High School Fitness and Wellness')"));
        String maria = TestTokens.token(DemoAccounts.userId("maria.lopez@springfield.edu"), "teacher");
        given().auth().oauth2(maria).queryParam("q", "movement").get("/api/v1/lessons").then().statusCode(200)
                .body("items.title", hasItem("Kindergarten Movement Basics"));
        given().auth().oauth2(teacher).queryParam("status", "published").queryParam("size", 100).get("/api/v1/lessons")
                .then().body("items.findAll { it.title == 'Kindergarten Movement Basics' }.size()", equalTo(1));
    }
}
