// The course that docs/import/mapping.json imports into: on a development chain, //Eve's
// institution (accredited by the development Council, //Alice) with //Dave as its instructor,
// and a course of two units whose scoring guide has a lesson and a final evaluation. The
// e2e import test and `tools/sample-course.js` (the README's set-up step) both make it.

import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';

import { councilMotion, findEvent, submitInBlock } from './chain.js';

/** The sample guide: each lesson unit earns up to 4 attendance, 10 score and 2 help points. */
export const SAMPLE_GUIDE = [
  {
    kind: 'Lesson',
    units: [0, 1].map((unit) => ({ unit, max: { attendance: 4, score: 10, help: 2 } })),
    maxInstructorFeedback: 5,
  },
  {
    kind: 'FinalEvaluation',
    units: [0, 1].map((unit) => ({ unit, max: { attendance: 0, score: 20, help: 0 } })),
    maxInstructorFeedback: 5,
  },
];

export const SAMPLE_UNITS = [
  { skill: 'http://data.europa.eu/esco/skill/data-frames', title: 'Data frames' },
  { skill: 'http://data.europa.eu/esco/skill/data-visualisation', title: 'Visualisation' },
];

/** //Alice (the development Council), //Eve (the institution) and //Dave (its instructor). */
export async function sampleAccounts() {
  await cryptoWaitReady();
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  return {
    alice: keyring.addFromUri('//Alice'),
    institution: keyring.addFromUri('//Eve'),
    instructor: keyring.addFromUri('//Dave'),
  };
}

/** Registers and accredits //Eve's institution with //Dave as instructor, if not yet. */
export async function sampleInstitution(api) {
  const accounts = await sampleAccounts();
  const { alice, institution, instructor } = accounts;
  const known = await api.call.registryApi.institution(institution.address);
  if (known.isNone) {
    await submitInBlock(api, api.tx.registry.apply('Open Learning Institute', 'https://open-learning.example', `0x${'11'.repeat(32)}`), institution);
    await councilMotion(api, api.tx.registry.accredit(institution.address), { proposer: alice, threshold: 1 });
    await submitInBlock(api, api.tx.registry.addInstructor(instructor.address), institution);
  }
  return accounts;
}

/**
 * Creates a course taught by //Dave, with the sample units and guide unless `units` and
 * `guide` are given; resolves with its id.
 */
export async function createSampleCourse(api, title = 'Data Analysis with Python', { units = SAMPLE_UNITS, guide = SAMPLE_GUIDE } = {}) {
  const { institution, instructor } = await sampleInstitution(api);
  const created = await submitInBlock(api, api.tx.courses.createCourse(
    institution.address, title, '30.7001', units, guide, false,
  ), instructor);
  return findEvent(created.events, api.events.courses.CourseCreated).data.course.toNumber();
}
