/*
 * The subset of Stripe.js (v3) the web application uses, for the local stand-in of Stripe in test mode:
 * Stripe(publishableKey), stripe.elements({ clientSecret, locale }), elements.create('payment').mount(target) and
 * stripe.confirmPayment({ elements, redirect: 'if_required' }), which answers { paymentIntent } or { error } as
 * Stripe.js does. The card fields are plain inputs in the page instead of Stripe's iframe.
 */
(function () {
  'use strict';
  var origin = new URL(document.currentScript.src).origin;
  var labels = {
    en: { number: 'Card number', expiry: 'Expiration date (MM / YY)', cvc: 'Security code (CVC)',
      incomplete: 'Your card number is incomplete.', expiryIncomplete: 'Your card\u2019s expiration date is incomplete.',
      cvcIncomplete: 'Your card\u2019s security code is incomplete.' },
    es: { number: 'N\u00famero de tarjeta', expiry: 'Fecha de caducidad (MM / AA)', cvc: 'C\u00f3digo de seguridad (CVC)',
      incomplete: 'El n\u00famero de la tarjeta est\u00e1 incompleto.',
      expiryIncomplete: 'La fecha de caducidad de la tarjeta est\u00e1 incompleta.',
      cvcIncomplete: 'El c\u00f3digo de seguridad de la tarjeta est\u00e1 incompleto.' },
  };
  var counter = 0;

  function field(container, name, text, autocomplete) {
    counter += 1;
    var wrapper = document.createElement('div');
    wrapper.className = 'field';
    var label = document.createElement('label');
    var input = document.createElement('input');
    input.id = 'stripe-' + name + '-' + counter;
    input.name = 'stripe-' + name;
    input.autocomplete = autocomplete;
    input.inputMode = 'numeric';
    label.htmlFor = input.id;
    label.textContent = text;
    wrapper.append(label, input);
    container.append(wrapper);
    return input;
  }

  function PaymentElement(words) {
    this.inputs = null;
    this.words = words;
  }
  PaymentElement.prototype.mount = function (target) {
    var container = typeof target === 'string' ? document.querySelector(target) : target;
    container.replaceChildren();
    this.inputs = {
      number: field(container, 'number', this.words.number, 'cc-number'),
      expiry: field(container, 'expiry', this.words.expiry, 'cc-exp'),
      cvc: field(container, 'cvc', this.words.cvc, 'cc-csc'),
    };
  };
  PaymentElement.prototype.unmount = function () {
    if (this.inputs) {
      this.inputs.number.closest('.field').parentNode.replaceChildren();
      this.inputs = null;
    }
  };

  function Elements(options) {
    this.clientSecret = options && options.clientSecret;
    this.words = labels[(options && options.locale) || 'en'] || labels.en;
    this.payment = null;
  }
  Elements.prototype.create = function (type) {
    if (type !== 'payment') {
      throw new Error('The stand-in offers the payment element only');
    }
    this.payment = new PaymentElement(this.words);
    return this.payment;
  };

  function validation(code, message) {
    return { error: { type: 'validation_error', code: code, message: message } };
  }

  window.Stripe = function (publishableKey) {
    return {
      elements: function (options) {
        return new Elements(options);
      },
      confirmPayment: function (params) {
        var elements = params.elements;
        var inputs = elements.payment && elements.payment.inputs;
        var words = elements.words;
        var number = inputs ? inputs.number.value.replace(/\s/g, '') : '';
        var expiry = inputs ? inputs.expiry.value.match(/^\s*(\d{1,2})\s*\/\s*(\d{2})\s*$/) : null;
        var cvc = inputs ? inputs.cvc.value.trim() : '';
        if (number.length < 12) {
          return Promise.resolve(validation('incomplete_number', words.incomplete));
        }
        if (!expiry) {
          return Promise.resolve(validation('incomplete_expiry', words.expiryIncomplete));
        }
        if (!/^\d{3,4}$/.test(cvc)) {
          return Promise.resolve(validation('incomplete_cvc', words.cvcIncomplete));
        }
        var id = elements.clientSecret.split('_secret_')[0];
        var form = new URLSearchParams({
          key: publishableKey,
          client_secret: elements.clientSecret,
          'payment_method_data[type]': 'card',
          'payment_method_data[card][number]': number,
          'payment_method_data[card][exp_month]': expiry[1],
          'payment_method_data[card][exp_year]': expiry[2],
          'payment_method_data[card][cvc]': cvc,
        });
        return fetch(origin + '/v1/payment_intents/' + id + '/confirm', { method: 'POST', body: form })
          .then(function (response) {
            return response.json().then(function (body) {
              return response.ok ? { paymentIntent: body } : { error: body.error };
            });
          });
      },
    };
  };
}());
