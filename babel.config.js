// babel-preset-taro compiles the app for both targets (see Taro's React + TS template).
module.exports = {
  presets: [
    ['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]
  ]
}
