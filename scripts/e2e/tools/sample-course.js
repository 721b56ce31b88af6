// Creates, on a development node, the course that docs/import/mapping.json imports into
// (course 0 on a fresh `scripts/dev.sh` chain), and prints its id.
//
//   node scripts/e2e/tools/sample-course.js [ws://127.0.0.1:9944]

import { connect } from '../lib/chain.js';
import { createSampleCourse } from '../lib/sample-course.js';

const api = await connect(process.argv[2] || 'ws://127.0.0.1:9944');
try {
  const course = await createSampleCourse(api);
  console.log(`course ${course} created: instructor //Dave, institution //Eve`);
} finally {
  await api.disconnect();
}
