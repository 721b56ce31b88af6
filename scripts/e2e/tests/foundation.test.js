// The foundation: a dev node that a polkadot.js wallet talks to with no custom types, that
// produces and finalizes blocks, moves balances, and rejects garbage without stopping.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { merkleizeMetadata } from '@polkadot-api/merkleize-metadata';
import { Keyring } from '@polkadot/keyring';
import { compactFromU8a, u8aToHex } from '@polkadot/util';
import { cryptoWaitReady, mnemonicGenerate } from '@polkadot/util-crypto';

import { bestAtLeast, connect, finalizedAtLeast, submitFinalized } from '../lib/chain.js';
import { startNode, stopNode, tail } from '../lib/node.js';

const UNIT = 10n ** 12n;

describe('a dev node, through @polkadot/api', () => {
  let node;
  let api;
  let alice;

  before(async () => {
    await cryptoWaitReady();
    node = await startNode({ name: 'dev', args: ['--dev'] });
    api = await connect(node.url);
    alice = new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromUri('//Alice');
  });

  after(async () => {
    await api?.disconnect();
    if (node) await stopNode(node);
  });

  test('metadata decodes without custom types and lists the runtime pallets', async () => {
    const metadata = await api.rpc.state.getMetadata();
    const pallets = metadata.asLatest.pallets.map((p) => p.name.toString());
    for (const name of [
      'System', 'Timestamp', 'Aura', 'Grandpa', 'Balances', 'TransactionPayment',
      'Council', 'CouncilMembership', 'ValidatorSet', 'Session', 'Upgrade', 'Registry',
      'Courses', 'Lifecycle', 'Tokens', 'Assets', 'Feeless',
    ]) {
      assert.ok(pallets.includes(name), `metadata lists ${name}: ${pallets.join(', ')}`);
    }
    assert.ok(metadata.version >= 14, `metadata v${metadata.version} carries its own types`);
    assert.equal(api.runtimeVersion.specName.toString(), 'learning-tokens');
    // Every transaction extension the runtime declares is one polkadot.js signs without help.
    const extensions = api.registry.signedExtensions;
    assert.deepEqual(extensions, [
      'CheckNonZeroSender', 'CheckSpecVersion', 'CheckTxVersion', 'CheckGenesis',
      'CheckMortality', 'CheckNonce', 'CheckWeight', 'ChargeTransactionPayment',
      'CheckMetadataHash',
    ]);
  });

  test('chain properties are those the chain spec sets', async () => {
    const properties = await api.rpc.system.properties();
    assert.equal(properties.ss58Format.unwrap().toNumber(), 42);
    assert.deepEqual(properties.tokenSymbol.unwrap().map((s) => s.toString()), ['LT']);
    assert.deepEqual(properties.tokenDecimals.unwrap().map((d) => d.toNumber()), [12]);
    assert.equal((await api.rpc.system.chain()).toString(), 'Learning Tokens Development');
  });

  test('blocks are produced and finalized', async () => {
    const finalized = await finalizedAtLeast(api, 2);
    assert.ok(finalized.number.toNumber() >= 2);
    const hash = await api.rpc.chain.getFinalizedHead();
    const block = await api.rpc.chain.getBlock(hash);
    // Every block carries the timestamp inherent.
    const calls = block.block.extrinsics.map((x) => `${x.method.section}.${x.method.method}`);
    assert.ok(calls.includes('timestamp.set'), `inherents: ${calls.join(', ')}`);
  });

  test("Alice's signed transfer to a fresh account is finalized with the right balances", async () => {
    const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
    const fresh = keyring.addFromMnemonic(mnemonicGenerate());
    const amount = 10n * UNIT;
    const before = (await api.query.system.account(alice.address)).data.free.toBigInt();
    assert.equal((await api.query.system.account(fresh.address)).data.free.toBigInt(), 0n);

    const { blockHash, events } = await submitFinalized(
      api, api.tx.balances.transferKeepAlive(fresh.address, amount), alice,
    );

    const names = events.map(({ event }) => `${event.section}.${event.method}`);
    assert.ok(names.includes('system.ExtrinsicSuccess'), names.join(', '));
    const transfer = events.find(({ event }) => api.events.balances.Transfer.is(event));
    assert.ok(transfer, 'a Transfer event');
    assert.equal(transfer.event.data.from.toString(), alice.address);
    assert.equal(transfer.event.data.to.toString(), fresh.address);
    assert.equal(transfer.event.data.amount.toBigInt(), amount);
    const paid = events.find(({ event }) => api.events.transactionPayment.TransactionFeePaid.is(event));
    const fee = paid.event.data.actualFee.toBigInt();
    assert.ok(fee > 0n, 'Alice paid a fee');

    const at = await api.at(blockHash);
    assert.equal((await at.query.system.account(fresh.address)).data.free.toBigInt(), amount);
    assert.equal((await at.query.system.account(alice.address)).data.free.toBigInt(), before - amount - fee);
  });

  test('a signer that signs the metadata digest (RFC 78) is accepted, one with a wrong digest refused', async () => {
    // What a hardware wallet works from: the digest of the runtime's metadata (V15, with the
    // token's symbol and decimals, as the runtime's build computed it) and, for each payload,
    // a proof of the few types needed to decode and show it.
    // A wallet takes the token's symbol and decimals from the chain's properties.
    const properties = await api.rpc.system.properties();
    const token = {
      decimals: properties.tokenDecimals.unwrap()[0].toNumber(),
      tokenSymbol: properties.tokenSymbol.unwrap()[0].toString(),
    };
    const metadataV15 = (await api.call.metadata.metadataAtVersion(15)).unwrap().toU8a(true);
    const merkleized = merkleizeMetadata(metadataV15, token);
    const digest = u8aToHex(merkleized.digest());
    let proof;
    // A signer as a Ledger bridge is one: it gets the payload, asks for the proof, signs.
    const signer = {
      async signPayload(payload) {
        const signing = api.registry.createType('ExtrinsicPayload', payload, { version: payload.version });
        assert.equal(payload.mode, 1);
        assert.equal(signing.metadataHash.unwrap().toHex(), digest);
        proof = merkleized.getProofForExtrinsicPayload(signing.toU8a({ method: true }));
        return { id: 1, signature: signing.sign(alice).signature };
      },
    };
    const fresh = new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromMnemonic(mnemonicGenerate());
    const { blockHash, events } = await submitFinalized(
      api, api.tx.balances.transferKeepAlive(fresh.address, UNIT), alice.address, 90_000,
      { signer, mode: 1, metadataHash: digest },
    );
    assert.ok(events.some(({ event }) => api.events.balances.Transfer.is(event)));
    assert.equal((await api.query.system.account(fresh.address)).data.free.toBigInt(), UNIT);
    const block = await api.rpc.chain.getBlock(blockHash);
    const included = block.block.extrinsics.find((x) => x.isSigned && x.signer.toString() === alice.address);
    assert.equal(included.mode.toNumber(), 1, 'the block holds the transaction with mode 1');
    // The proof is a small part of the metadata: what a device with little memory can take.
    assert.ok(proof.length > 0 && proof.length * 10 < metadataV15.length,
      `proof of ${proof.length} bytes, metadata of ${metadataV15.length}`);

    // A wallet with other metadata (here another token symbol: it would show wrong amounts)
    // signs another digest: the runtime's check makes that a bad signature, not a transfer.
    const wrong = u8aToHex(merkleizeMetadata(metadataV15, { ...token, tokenSymbol: 'XLT' }).digest());
    assert.notEqual(wrong, digest);
    const tx = api.tx.balances.transferKeepAlive(fresh.address, UNIT);
    await tx.signAsync(alice, { nonce: -1, mode: 1, metadataHash: wrong });
    await assert.rejects(
      api._rpcCore.provider.send('author_submitExtrinsic', [tx.toHex()]),
      (error) => /bad signature/i.test(error.message) && /1010/.test(error.message),
    );
    assert.equal((await api.query.system.account(fresh.address)).data.free.toBigInt(), UNIT);
  });

  test('a bad signature and a malformed payload are rejected by RPC; blocks go on', async () => {
    const bob = new Keyring({ type: 'sr25519' }).addFromUri('//Bob');
    const tx = api.tx.balances.transferKeepAlive(bob.address, UNIT);
    await tx.signAsync(alice, { nonce: -1 });
    const bytes = tx.toU8a();
    // A signed extrinsic is: compact length, version byte (0x84: v4, signed), the address
    // (0x00 = MultiAddress::Id, then 32 bytes), the signature (0x01 = sr25519, then 64 bytes),
    // the extension data and the call. Flip one byte of the signature.
    const [offset] = compactFromU8a(bytes);
    assert.equal(bytes[offset], 0x84);
    assert.equal(bytes[offset + 1], 0x00);
    assert.equal(bytes[offset + 34], 0x01);
    const forged = new Uint8Array(bytes);
    forged[offset + 35] ^= 0xff;

    const provider = api._rpcCore.provider;
    await assert.rejects(
      provider.send('author_submitExtrinsic', [u8aToHex(forged)]),
      (error) => /bad signature/i.test(error.message) && /1010/.test(error.message),
    );
    await assert.rejects(
      provider.send('author_submitExtrinsic', ['0xdeadbeef']),
      (error) => /decode|invalid/i.test(error.message),
    );
    await assert.rejects(
      provider.send('author_submitExtrinsic', ['not hex at all']),
      (error) => /invalid|hex|parse/i.test(error.message),
    );
    // Nothing was spent: the nonce did not move.
    assert.equal((await api.rpc.system.accountNextIndex(alice.address)).toNumber(),
      (await api.query.system.account(alice.address)).nonce.toNumber());

    const now = (await api.rpc.chain.getHeader()).number.toNumber();
    await bestAtLeast(api, now + 2);
    await finalizedAtLeast(api, now + 1);
    assert.doesNotMatch(tail(node, 200), /panicked|essential task .* failed/i);
  });
});
