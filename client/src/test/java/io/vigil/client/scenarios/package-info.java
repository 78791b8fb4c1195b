/**
 * The official-SDK compatibility suite ({@code compat/}, Node, {@code cloudflare@7.3.0}) ported to the Java client:
 * one test class per compat test file, one nested class per {@code describe}, one test method per JS test (a JS test
 * generated per scheme or scope is a parameterized or a twin method). Each class runs against a real Vigil started by
 * the JUnit extension ({@code @VigilTest}, one server per class as the JS suite has one per file), seeded with {@code
 * compat/fixtures/insights.jsonl} through {@code seed().importLines} and given the harness's credentials through
 * {@code credentials()} ({@link io.vigil.client.scenarios.Compat}). What the SDK sent ({@code calls}) is checked on
 * what the Java client sent ({@link io.vigil.client.RecordingHttpClient}).
 *
 * <table>
 *   <caption>compat test file → Java class: tests ported / tests in JS</caption>
 *   <tr><td>list.test.js</td><td>{@code ListScenariosTest}</td><td>27 / 27</td></tr>
 *   <tr><td>classification.test.js</td><td>{@code ClassificationScenariosTest}</td><td>13 / 13</td></tr>
 *   <tr><td>dismiss.test.js</td><td>{@code DismissScenariosTest}</td><td>8 / 8</td></tr>
 *   <tr><td>audit-logs.test.js</td><td>{@code AuditLogScenariosTest}</td><td>15 / 17</td></tr>
 *   <tr><td>attack-surface-report.test.js</td><td>{@code AttackSurfaceReportScenariosTest}</td><td>13 / 13</td></tr>
 *   <tr><td>auth.test.js</td><td>{@code AuthScenariosTest}</td><td>13 / 13</td></tr>
 *   <tr><td>rate-limit.test.js</td><td>{@code RateLimitScenariosTest}</td><td>2 / 2</td></tr>
 *   <tr><td>seed-curl.test.js</td><td>{@code SeedCurlScenariosTest}</td><td>2 / 2</td></tr>
 *   <tr><td>directory.test.js</td><td>—</td><td>0 / 5</td></tr>
 *   <tr><td>tls.test.js</td><td>—</td><td>0 / 2</td></tr>
 *   <tr><td>audit-proof.test.js</td><td>—</td><td>0 / 2</td></tr>
 * </table>
 *
 * <p>93 of the suite's 104 tests are ported (the surefire lines of the eight classes add up to 93): 93 of the 95
 * that drive the Insights API and token verification through the SDK, none of the 9 about the directory, TLS and
 * the sealed log. Not ported, and why:
 *
 * <ul>
 *   <li>audit-logs.test.js, the two cursor-forgery tests (a tampered cursor; a real one replayed with other filters,
 *       scope or route: 1011): the Java client keeps the cursor to itself and sends it back only with the query it
 *       was given for, so neither request can be written with it.
 *   <li>directory.test.js (5): {@code client.accounts.list()} and {@code client.zones.list()} are not Insights
 *       operations, and the Java client has neither.
 *   <li>tls.test.js (2): the extension serves plain HTTP on loopback only.
 *   <li>audit-proof.test.js (2): the extension's server does not seal (a reset rewinds the change log), so there is
 *       no sealed log to prove an entry in.
 * </ul>
 *
 * <p>Ported with an adaptation, where the SDK sends what the Java client's types cannot express (each says so in its
 * Javadoc): bad {@code per_page}/{@code page} and unknown enum values are refused by the client before any request
 * (an empty {@code subject} shows the server's 1010 instead); the SDK's {@code {}} bodies for classification and
 * dismissal and its malformed dismissal bodies cannot be sent (the client's bodies always hold the field); a client
 * holds one credential scheme, so "both schemes on one request" becomes "the last one given is sent"; the SDK's
 * auto-pagination quirk on the insight list (it yields nothing) becomes the Java client's paging, which yields every
 * insight; ids with colons are percent-encoded by the Java client and sent verbatim by the SDK.
 */
@NullMarked
package io.vigil.client.scenarios;

import org.jspecify.annotations.NullMarked;
