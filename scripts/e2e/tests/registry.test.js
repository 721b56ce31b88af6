// The registry of trust on a dev chain (Alice is the whole Council there): an institution
// applies, a Council motion accredits it, it registers an instructor, and a verifier reads it
// all back through the RegistryApi runtime API, as @polkadot/api's api.call does.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { Keyring } from '@polkadot/keyring';
import { u8aToString } from '@polkadot/util';
import { cryptoWaitReady, mnemonicGenerate } from '@polkadot/util-crypto';

import { bestAtLeast, connect, councilMotion, findEvent, submitFinalized, submitInBlock } from '../lib/chain.js';
import { startNode, stopNode } from '../lib/node.js';

const UNIT = 10n ** 12n;

describe('the registry of trust on a dev chain', () => {
  let node;
  let api;
  let alice;
  let institution;
  let instructor;

  before(async () => {
    await cryptoWaitReady();
    node = await startNode({ name: 'dev-registry', args: ['--dev'] });
    api = await connect(node.url);
    const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
    alice = keyring.addFromUri('//Alice');
    institution = keyring.addFromMnemonic(mnemonicGenerate());
    instructor = keyring.addFromMnemonic(mnemonicGenerate());
    // The institution needs funds for the application deposit and fees.
    await submitInBlock(api, api.tx.balances.transferKeepAlive(institution.address, 1_000n * UNIT), alice);
  });

  after(async () => {
    await api?.disconnect();
    if (node) await stopNode(node);
  });

  test('an application holds the deposit and is visible to verifiers as Applied', async () => {
    const deposit = api.consts.registry.applicationDeposit.toBigInt();
    const { events } = await submitFinalized(
      api, api.tx.registry.apply('Open Learning Institute', 'https://open-learning.example', null), institution,
    );
    const applied = findEvent(events, api.events.registry.InstitutionApplied);
    assert.equal(applied.data.institution.toString(), institution.address);
    assert.equal(applied.data.deposit.toBigInt(), deposit);
    const account = await api.query.system.account(institution.address);
    assert.equal(account.data.reserved.toBigInt(), deposit, 'the deposit is held');

    const view = await api.call.registryApi.institution(institution.address);
    assert.ok(view.isSome);
    assert.equal(view.unwrap().status.type, 'Applied');
    assert.equal(u8aToString(view.unwrap().name), 'Open Learning Institute');
    assert.equal((await api.call.registryApi.isAccredited(institution.address)).isTrue, false);
  });

  test('a second application from the same account is rejected with AlreadyRegistered', async () => {
    await assert.rejects(
      submitInBlock(api, api.tx.registry.apply('Again', 'https://again.example', null), institution),
      /registry\.AlreadyRegistered/,
    );
  });

  test('an application with an over-long name is refused by the pool, for nothing, and blocks go on', async () => {
    const before = (await api.query.system.account(alice.address)).data.free.toBigInt();
    const nonce = (await api.rpc.system.accountNextIndex(alice.address)).toNumber();
    // The runtime's transaction validation cannot decode them: it panics (in wasm, caught by
    // the node) with this message, once per transaction.
    node.expect(/Bad input data provided to validate_transaction: Codec error/);
    for (const length of [129, 1_000_000]) {
      // The client encodes any length (the metadata says Bytes); the node cannot decode a name
      // over MaxNameLen (128), so the pool refuses the transaction before any check or dispatch.
      const tx = await api.tx.registry.apply('x'.repeat(length), 'https://long.example', null).signAsync(alice, { nonce });
      await assert.rejects(api.rpc.author.submitExtrinsic(tx), /1001|1002|decode|format/i, `a name of ${length} bytes`);
    }
    assert.equal((await api.query.system.account(alice.address)).data.free.toBigInt(), before);
    assert.equal((await api.rpc.system.accountNextIndex(alice.address)).toNumber(), nonce);
    assert.ok((await api.call.registryApi.institution(alice.address)).isNone);
    const head = (await api.rpc.chain.getHeader()).number.toNumber();
    await bestAtLeast(api, head + 1);
    // The refusals (one per pool view that validated them), and nothing else alarming.
    const lines = node.log().split('\n');
    const panics = lines.flatMap((line, i) => (/panicked/.test(line) ? [`${line}\n${lines[i + 1]}`] : []));
    assert.ok(panics.length >= 2, panics.join('\n'));
    for (const panic of panics) assert.match(panic, /Bad input data provided to validate_transaction/);
  });

  test('a Council motion accredits it; the deposit comes back and the period opens', async () => {
    const events = await councilMotion(api, api.tx.registry.accredit(institution.address), {
      proposer: alice, threshold: 1,
    });
    const executed = findEvent(events, api.events.council.Executed);
    assert.ok(executed?.data.result.isOk, `motion result: ${executed?.data.result.toString()}`);
    assert.ok(findEvent(events, api.events.registry.InstitutionAccredited));

    const head = await api.rpc.chain.getHeader();
    assert.ok((await api.call.registryApi.isAccredited(institution.address)).isTrue);
    const view = (await api.call.registryApi.institution(institution.address)).unwrap();
    assert.equal(view.status.type, 'Accredited');
    assert.equal(view.history.length, 1);
    const from = view.history[0].from.toNumber();
    assert.ok(view.history[0].to.isNone);
    assert.ok((await api.call.registryApi.wasAccreditedAt(institution.address, head.number)).isTrue);
    assert.equal((await api.call.registryApi.wasAccreditedAt(institution.address, from - 1)).isTrue, false);
    const account = await api.query.system.account(institution.address);
    assert.equal(account.data.reserved.toBigInt(), 0n, 'the deposit was released');
  });

  test('the accredited institution registers an instructor; verifiers see both sides', async () => {
    const { events } = await submitInBlock(api, api.tx.registry.addInstructor(instructor.address), institution);
    assert.ok(findEvent(events, api.events.registry.InstructorAdded));
    const instructors = (await api.call.registryApi.instructorsOf(institution.address)).map(String);
    assert.deepEqual(instructors, [instructor.address]);
    const institutions = (await api.call.registryApi.institutionsOf(instructor.address)).map(String);
    assert.deepEqual(institutions, [institution.address]);
  });

  test('an unknown institution cannot add instructors, and accrediting it fails in the motion', async () => {
    const stranger = new Keyring({ type: 'sr25519' }).addFromMnemonic(mnemonicGenerate());
    await assert.rejects(
      submitInBlock(api, api.tx.registry.addInstructor(stranger.address), alice),
      /registry\.UnknownInstitution/,
    );
    const events = await councilMotion(api, api.tx.registry.accredit(stranger.address), {
      proposer: alice, threshold: 1,
    });
    const executed = findEvent(events, api.events.council.Executed);
    assert.ok(executed.data.result.isErr);
    const error = api.registry.findMetaError(executed.data.result.asErr.asModule);
    assert.equal(`${error.section}.${error.name}`, 'registry.UnknownInstitution');
    assert.ok((await api.call.registryApi.institution(stranger.address)).isNone);
  });
});
