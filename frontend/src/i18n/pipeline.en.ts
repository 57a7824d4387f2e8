// English text of the pipeline screens (opportunities board, chart, detail); pipeline.ja.ts has the same keys.
export default {
  title: 'Opportunities',
};
