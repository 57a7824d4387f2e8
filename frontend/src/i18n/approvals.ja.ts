// Japanese text of the approvals screens and the quote's approval bar; approvals.en.ts has the same keys.
export default {
  title: '承認',
};
