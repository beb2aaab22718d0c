package io.kedge.store;

/** Which InfluxDB HTTP API the store writes through. */
public enum InfluxApi {
    /**
     * InfluxDB 1.x: {@code /write} and {@code /query}, Basic auth from username/password. The client
     * speaks the 2.x API, so its writes are translated on the wire ({@link V1WriteInterceptor}).
     */
    V1,
    /** InfluxDB 2.x (and 1.8+/3.x compatibility endpoints): {@code /api/v2/write}, token auth. */
    V2
}
