import { render } from 'preact';
import { App } from './app/app.js';
import { createServices } from './app/create-services.js';
import { ServicesContext } from './app/services.js';
import './styles/app.css';

const { services } = createServices(window);

render(
  <ServicesContext.Provider value={services}>
    <App />
  </ServicesContext.Provider>,
  document.getElementById('app') as HTMLElement,
);
