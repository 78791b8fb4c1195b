/**
 * Sealing the change log: every entry gets a position in one total order and a leaf hash; each seal covers
 * the next run of positions with an RFC 9162 Merkle tree, chains to the seal before it by hash and is signed
 * with the deployment's Ed25519 key, so that anyone holding the public key and a checkpoint can verify that
 * the history was neither rewritten nor truncated (docs/decisions.md, "The change log and its seals").
 */
@NullMarked
package io.vigil.seal;

import org.jspecify.annotations.NullMarked;
