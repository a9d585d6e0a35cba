import { render } from 'preact';

function App() {
  return <main>smtp-lab</main>;
}

render(<App />, document.getElementById('app') as HTMLElement);
