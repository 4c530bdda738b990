package app.faraday.memory;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import app.faraday.kit.testing.OperationsContract;
import app.faraday.kit.testing.TestUser;
import app.faraday.kit.testing.ServedAsDocumented;
import io.quarkus.test.junit.QuarkusTest;

/** What every service has (OperationsContract), memory-service's API document and its audit trail. */
@QuarkusTest
class OperationsTest extends OperationsContract {

    @Override
    protected String protectedPath() {
        return "/api/v1/memories";
    }

    @Test
    void theOpenApiDocumentPublishesTheContextSchemaAndPreconditions() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("components.schemas.MemoryContext.maxProperties", equalTo(20))
                .body("components.schemas.MemoryRequest.properties.context.anyOf[0].$ref",
                        equalTo("#/components/schemas/MemoryContext"))
                .body("components.schemas.Memory.properties.context.anyOf[1].type", equalTo("null"))
                .body("paths.'/api/v1/memories/{id}'.patch.responses.'412'", notNullValue())
                .body("paths.'/api/v1/memories/{id}'.patch.responses.'428'", notNullValue())
                .body("paths.'/api/v1/memories'.post.responses.'409'", notNullValue())
                .body("paths.'/api/v1/memories'.post.requestBody.content.'application/json'.examples", notNullValue())
                .body("paths.'/api/v1/memories/{id}/interactions'.post.operationId", equalTo("addMemoryInteraction"));
    }

    @Test
    void theAuditChainVerifiesAndRecordsMemoryChanges() {
        TestUser owner = TestUser.teacher();
        long id = Fixtures.memory(owner);
        given().auth().oauth2(TestUser.admin().token()).get("/api/v1/memories/audit-chain").then().statusCode(200)
                .body("valid", equalTo(true));
        given().auth().oauth2(owner.token()).get("/api/v1/memories/audit-chain").then().statusCode(403);
        assertEquals(1, Fixtures.count("select count(*) from memory.audit_log where table_name = 'user_memories'"
                + " and op = 'INSERT' and row_id = ? and actor = ?", String.valueOf(id), owner.id()));
    }

    @Test
    void responsesAreServedAsTheDocumentSaysNullsIncluded() {
        TestUser owner = TestUser.teacher();
        long plain = Fixtures.memory(owner);
        long sealed = Fixtures.memory(owner, "Knee brace during demonstrations", "\"sensitive\": true,"
                + " \"context\": {\"source\": \"planning\"}, \"expiresAt\": \"2099-01-01T00:00:00Z\"");
        for (long id : new long[] { plain, sealed }) {
            ServedAsDocumented.check("Memory", given().auth().oauth2(owner.token()).get("/api/v1/memories/" + id)
                    .then().statusCode(200).extract().asString());
        }
        ServedAsDocumented.check("MemoryPage", given().auth().oauth2(owner.token()).queryParam("sort", "relevance")
                .get("/api/v1/memories").then().statusCode(200).extract().asString());
        ServedAsDocumented.check("Interaction", given().auth().oauth2(owner.token()).contentType("application/json")
                .body("{\"type\": \"used\", \"success\": true}").post("/api/v1/memories/" + plain + "/interactions")
                .then().statusCode(201).extract().asString());
        ServedAsDocumented.check("InteractionPage", given().auth().oauth2(owner.token())
                .get("/api/v1/memories/" + sealed + "/interactions").then().statusCode(200).extract().asString());
    }
}
