// Japanese text of the pipeline screens (opportunities board, chart, detail); pipeline.en.ts has the same keys.
export default {
  title: '商談',
};
