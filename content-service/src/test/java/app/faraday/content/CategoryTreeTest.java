package app.faraday.content;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import app.faraday.kit.testing.TestUser;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class CategoryTreeTest {

    private final TestUser admin = TestUser.admin();
    private final TestUser teacher = TestUser.teacher();

    private io.restassured.response.ValidatableResponse move(int id, Integer parentId) {
        return given().auth().oauth2(admin.token()).contentType("application/merge-patch+json")
                .body("{\"parentId\": " + parentId + "}").patch("/api/v1/subject-categories/" + id).then();
    }

    @Test
    void theDatabaseKeepsPathAndDepthAndMovesWholeBranches() {
        int root = Fixtures.category(admin);
        int child = Fixtures.category(admin, Fixtures.unique("Child"), root);
        int grandchild = Fixtures.category(admin, Fixtures.unique("Grandchild"), child);
        given().auth().oauth2(teacher.token()).get("/api/v1/subject-categories/" + grandchild).then().statusCode(200)
                .body("path", contains(root, child, grandchild)).body("depth", equalTo(2));

        int otherRoot = Fixtures.category(admin);
        move(child, otherRoot).statusCode(200).body("path", contains(otherRoot, child)).body("depth", equalTo(1));
        given().auth().oauth2(teacher.token()).get("/api/v1/subject-categories/" + grandchild).then()
                .body("path", contains(otherRoot, child, grandchild)).body("depth", equalTo(2));
        move(child, null).statusCode(200).body("depth", equalTo(0));
        given().auth().oauth2(teacher.token()).get("/api/v1/subject-categories/" + grandchild).then()
                .body("path", contains(child, grandchild)).body("depth", equalTo(1));
    }

    @Test
    void cyclesAreRefused() {
        int a = Fixtures.category(admin);
        int b = Fixtures.category(admin, Fixtures.unique("B"), a);
        int c = Fixtures.category(admin, Fixtures.unique("C"), b);
        move(a, c).statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("descendants"));
        move(a, a).statusCode(409);
        given().auth().oauth2(teacher.token()).get("/api/v1/subject-categories/" + a).then().body("depth", equalTo(0));
    }

    @Test
    void theTreeIsAtMostFiveLevelsDeep() {
        Integer parent = null;
        int[] chain = new int[5];
        for (int i = 0; i < 5; i++) {
            chain[i] = Fixtures.category(admin, Fixtures.unique("Level " + i), parent);
            parent = chain[i];
        }
        given().auth().oauth2(admin.token()).contentType("application/json")
                .body("{\"name\": \"" + Fixtures.unique("Too deep") + "\", \"parentId\": " + chain[4] + "}")
                .post("/api/v1/subject-categories").then().statusCode(409).body("detail", containsString("5 levels"));
        // Moving a two-level branch under level 3 would make six levels.
        int branch = Fixtures.category(admin);
        Fixtures.category(admin, Fixtures.unique("Leaf"), branch);
        move(branch, chain[3]).statusCode(409);
        move(branch, chain[2]).statusCode(200).body("depth", equalTo(3));
    }

    @RepeatedTest(3)
    void twoConcurrentMovesCannotMakeACycle() {
        int a = Fixtures.category(admin);
        int b = Fixtures.category(admin);
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> move(a, b).extract().statusCode());
        CompletableFuture<Integer> second = CompletableFuture.supplyAsync(() -> move(b, a).extract().statusCode());
        List<Integer> statuses = List.of(first.join(), second.join());
        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        assertEquals(1, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        assertEquals(1, Fixtures.count("select count(*) from content.subject_categories"
                + " where id in (?, ?) and parent_id is null", a, b));
    }

    @Test
    void theTreeEndpointNestsEveryLevel() {
        String rootName = "AAA " + Fixtures.unique("Root");
        int root = Fixtures.category(admin, rootName, null);
        int child = Fixtures.category(admin, "Child of " + rootName, root);
        Fixtures.category(admin, "Grandchild of " + rootName, child);
        given().auth().oauth2(teacher.token()).get("/api/v1/subject-categories/tree").then().statusCode(200)
                .body("find { it.id == " + root + " }.children[0].name", equalTo("Child of " + rootName))
                .body("find { it.id == " + root + " }.children[0].children[0].name",
                        equalTo("Grandchild of " + rootName));
        given().auth().oauth2(teacher.token()).queryParam("parentId", root).get("/api/v1/subject-categories").then()
                .statusCode(200).body("items.id", contains(child)).body("total", equalTo(1));
    }

    @Test
    void onlyAdminsWriteAndNamesAreUnique() {
        String name = Fixtures.unique("Unique");
        int id = Fixtures.category(admin, name, null);
        given().auth().oauth2(admin.token()).contentType("application/json")
                .body("{\"name\": \"" + name.toLowerCase() + "\"}")
                .post("/api/v1/subject-categories").then().statusCode(409)
                .body("detail", containsString("already exists"));
        given().auth().oauth2(teacher.token()).contentType("application/json")
                .body("{\"name\": \"" + Fixtures.unique("T") + "\"}")
                .post("/api/v1/subject-categories").then().statusCode(403);
        given().auth().oauth2(teacher.token()).contentType("application/json").body("{\"description\": \"x\"}")
                .patch("/api/v1/subject-categories/" + id).then().statusCode(403);
        given().auth().oauth2(teacher.token()).delete("/api/v1/subject-categories/" + id).then().statusCode(403);
    }

    @Test
    void metadataIsValidated() {
        given().auth().oauth2(admin.token()).contentType("application/json")
                .body("{\"name\": \"" + Fixtures.unique("Meta") + "\", \"metadata\": {\"color\": \"green\","
                        + " \"shape\": 1}}")
                .post("/api/v1/subject-categories").then().statusCode(400)
                .body("violations.field", hasItem("metadata.color")).body("violations.field", hasItem("metadata"));
        given().auth().oauth2(admin.token()).contentType("application/json")
                .body("{\"name\": \"" + Fixtures.unique("Meta") + "\", \"metadata\": {\"color\": \"#00AA00\","
                        + " \"icon\": \"running\"}}")
                .post("/api/v1/subject-categories").then().statusCode(201).body("metadata.icon", equalTo("running"));
        given().auth().oauth2(admin.token()).contentType("application/json")
                .body("{\"name\": \"" + Fixtures.unique("Orphan") + "\", \"parentId\": 999999}")
                .post("/api/v1/subject-categories").then().statusCode(400)
                .body("violations[0].field", equalTo("parentId"));
    }

    @Test
    void aCategoryInUseCannotBeDeletedButAnUnusedLeafCan() {
        int used = Fixtures.category(admin);
        Fixtures.lesson(teacher, used);
        Fixtures.lesson(TestUser.teacher(), used);
        given().auth().oauth2(admin.token()).delete("/api/v1/subject-categories/" + used).then().statusCode(409)
                .body("detail", containsString("2 lessons"));
        int parent = Fixtures.category(admin);
        int leaf = Fixtures.category(admin, Fixtures.unique("Leaf"), parent);
        given().auth().oauth2(admin.token()).delete("/api/v1/subject-categories/" + parent).then().statusCode(409)
                .body("detail", containsString("1 subcategory"));
        given().auth().oauth2(admin.token()).delete("/api/v1/subject-categories/" + leaf).then().statusCode(204);
        given().auth().oauth2(admin.token()).delete("/api/v1/subject-categories/" + parent).then().statusCode(204);
        assertEquals(1, Fixtures.count("select count(*) from content.subject_categories where id = ?", used));
    }
}
