// English text of the approvals screens; approvals.ja.ts has the same keys.
export default {
  title: 'Approvals',
};
