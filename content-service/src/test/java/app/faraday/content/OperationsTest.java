package app.faraday.content;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.Test;

import app.faraday.kit.testing.OperationsContract;
import app.faraday.kit.testing.TestUser;
import app.faraday.kit.testing.ServedAsDocumented;
import io.quarkus.test.junit.QuarkusTest;

/**
 * What every service has (OperationsContract), the API document with the enforced schemas, and the audit trail's
 * verification.
 */
@QuarkusTest
class OperationsTest extends OperationsContract {

    @Override
    protected String protectedPath() {
        return "/api/v1/lessons";
    }

    @Test
    void theOpenApiDocumentPublishesTheSchemasAndPreconditions() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("components.schemas.LessonData.required", hasItem("activities"))
                .body("components.schemas.LessonData.properties.activities.items.properties.minutes.maximum",
                        equalTo(180))
                .body("components.schemas.CategoryMetadata.properties.color.pattern", notNullValue())
                .body("components.schemas.LessonRequest.properties.lessonData.$ref",
                        equalTo("#/components/schemas/LessonData"))
                .body("paths.'/api/v1/lessons/{id}'.put.responses.'412'", notNullValue())
                .body("paths.'/api/v1/lessons/{id}'.put.responses.'428'", notNullValue())
                .body("paths.'/api/v1/lessons'.post.requestBody.content.'application/json'.examples", notNullValue());
    }

    @Test
    void theAuditChainVerifiesAndRecordsLessonChanges() {
        TestUser admin = TestUser.admin();
        TestUser owner = TestUser.teacher();
        int lesson = Fixtures.lesson(owner, Fixtures.category(admin));
        Fixtures.status(owner, lesson, "review");
        given().auth().oauth2(admin.token()).get("/api/v1/lessons/audit-chain").then().statusCode(200)
                .body("valid", equalTo(true));
        given().auth().oauth2(owner.token()).get("/api/v1/lessons/audit-chain").then().statusCode(403);
        org.junit.jupiter.api.Assertions.assertEquals(1, Fixtures.count("select count(*) from content.audit_log"
                + " where table_name = 'lessons' and op = 'UPDATE' and row_id = ? and actor = ?",
                String.valueOf(lesson), owner.id()));
    }

    @Test
    void responsesAreServedAsTheDocumentSaysNullsIncluded() {
        TestUser admin = TestUser.admin();
        TestUser owner = TestUser.teacher();
        int category = Fixtures.category(admin);
        int lesson = Fixtures.lesson(owner, category);
        Fixtures.status(owner, lesson, "review");
        ServedAsDocumented.check("Lesson", given().auth().oauth2(owner.token()).get("/api/v1/lessons/" + lesson)
                .then().statusCode(200).extract().asString());
        ServedAsDocumented.check("LessonPage", given().auth().oauth2(owner.token()).get("/api/v1/lessons")
                .then().statusCode(200).extract().asString());
        ServedAsDocumented.check("SubjectCategory", given().auth().oauth2(owner.token())
                .get("/api/v1/subject-categories/" + category).then().statusCode(200).extract().asString());
        ServedAsDocumented.check("SubjectCategoryPage", given().auth().oauth2(owner.token())
                .get("/api/v1/subject-categories").then().statusCode(200).extract().asString());
        ServedAsDocumented.checkArray("SubjectCategoryNode", given().auth().oauth2(owner.token())
                .get("/api/v1/subject-categories/tree").then().statusCode(200).extract().asString());
        ServedAsDocumented.checkArray("LessonVersion", given().auth().oauth2(owner.token())
                .get("/api/v1/lessons/" + lesson + "/versions").then().statusCode(200).extract().asString());
    }
}
