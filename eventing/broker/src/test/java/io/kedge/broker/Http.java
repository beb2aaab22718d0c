package io.kedge.broker;

import static io.restassured.RestAssured.given;

import io.kedge.contract.codec.HttpMessage;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Posts an {@link HttpMessage} exactly as encoded: REST Assured would otherwise append a charset to Content-Type. */
final class Http {

    private static final RestAssuredConfig VERBATIM = RestAssured.config()
            .encoderConfig(EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false));

    static Response post(String path, HttpMessage message) {
        RequestSpecification request = given().config(VERBATIM);
        message.headers().forEach((name, value) -> {
            if (name.equalsIgnoreCase("content-type")) {
                request.contentType(value);
            } else {
                request.header(name, value);
            }
        });
        if (message.body().length > 0) {
            request.body(message.body());
        }
        return request.post(path);
    }

    private Http() {
    }
}
